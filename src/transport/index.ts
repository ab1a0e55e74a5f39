// Public surface of the transport layer: byte pipes to tor's control port and where to find it.
export * from './target.js';
export * from './transport.js';
export * from './errors.js';
export * from './net-transport.js';
export * from './connect-first.js';
export * from './instances.js';
export * from './ssh/index.js';
