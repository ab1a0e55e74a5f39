// Public surface of the private test network: start/stop it, reach its nodes, make traffic.
export * from './network.js';
export * from './torrc.js';
export * from './traffic.js';
export * from './http-server.js';
export * from './socks.js';
export * from './ports.js';
export * from './keys.js';
