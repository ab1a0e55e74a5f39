// Public surface of the config model: tor's option list, values by type, sorting, edits.
export * from './config-info.js';
export * from './value-units.js';
export * from './important-options.js';
export * from './categories.js';
export * from './config-options.js';
export * from './config-sort.js';
export * from './config-edit.js';
export * from './option-names.js';
export * from './change-policy.js';
export * from './option-summaries.js';
