// Public surface of the connections model: OR connections, circuits, streams, sockets tor does not
// report, the consensus maps, listeners, categories, countries and port names.
export * from './types.js';
export * from './listeners.js';
export * from './relay-directory.js';
export * from './or-connections.js';
export * from './circuits.js';
export * from './streams.js';
export * from './socket-match.js';
export * from './categories.js';
export * from './exit-match.js';
export * from './port-names.js';
export * from './country-cache.js';
export * from './apply-event.js';
export * from './endpoints.js';
export * from './relay-details.js';
