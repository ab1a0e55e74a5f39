// Public surface of the tor-manual reader: find, read, parse, cache; XDG paths and atomic writes.
export * from './roff-inline.js';
export * from './parse-manual.js';
export * from './find-manual.js';
export * from './read-manual.js';
export * from './load-manual.js';
export * from './xdg.js';
export * from './atomic-write.js';
