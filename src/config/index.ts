// Public surface of ortop's settings and config file handling.
export * from './settings.js';
export * from './parse-config.js';
export * from './relay-line.js';
export * from './load-config.js';
