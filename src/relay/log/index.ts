// Public surface of the log model: entries, the capped de-duplicating buffer, event types and
// their condensed form, the regex filter, and tor's log file for the backlog.
export * from './log-types.js';
export * from './event-list.js';
export * from './log-entry.js';
export * from './dedup-patterns.js';
export * from './event-descriptions.js';
export * from './log-buffer.js';
export * from './log-filter.js';
export * from './tor-log-file.js';
