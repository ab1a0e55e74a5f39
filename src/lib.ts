// The library entry point: the Tor control client that ortop is built on.
export * from './protocol/index.js';
