// Public surface of the system probes (/proc readers).
export * from './proc-parse.js';
export * from './proc-reader.js';
export * from './tor-locality.js';
