// The library entry point: the Tor control client that ortop is built on.
export * from './protocol/index.js';
export * from './transport/index.js';
export * from './controller/index.js';
