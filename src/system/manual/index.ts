// Public surface of the tor-manual reader: find, read, parse, cache; XDG paths.
export * from './roff-inline.js';
export * from './parse-manual.js';
export * from './find-manual.js';
export * from './read-manual.js';
export * from './manual-cache.js';
export * from './load-manual.js';
export * from './xdg.js';
export * from './bundled-manual.js';
