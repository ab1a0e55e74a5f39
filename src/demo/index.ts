// Public surface of src/demo: the in-memory control-port server core (shared with the test FakeTor)
// and the simulated relay behind `ortop --demo`.
export * from './tor-names.js';
export * from './reply-format.js';
export * from './conf-edit.js';
export * from './control-auth.js';
export * from './control-connection.js';
export * from './control-server.js';
