// Public surface of src/demo: the in-memory control-port server core (shared with the test FakeTor)
// and the simulated relay behind `ortop --demo`.
export * from './tor-names.js';
export * from './reply-format.js';
export * from './conf-edit.js';
export * from './control-auth.js';
export * from './control-connection.js';
export * from './control-server.js';
export * from './setevents.js';
export { createDemoTor, DemoRelayStoppedError, type DemoTor, type DemoTorOptions, type DemoTorStats } from './demo-tor.js';
export { DEMO_FINGERPRINT, DEMO_ADDRESS } from './our-relay.js';
export { ratesFor, type DemoRates } from './demo-relay.js';
