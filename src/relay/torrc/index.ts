// Public surface of the torrc model: parsing, includes, validation, visible text.
export * from './parse-torrc.js';
export * from './torrc-document.js';
export * from './validate-torrc.js';
export * from './visible-text.js';
export * from './option-aliases.js';
