// Public surface of the log panel: wrapping, pure line selection and scrolling.
export * from './log-wrap.js';
export * from './select-log.js';
