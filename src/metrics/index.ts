// The Prometheus exporter's engine: relay sessions' data in, a prom-client registry out.
// No sockets, no timers: src/app/shell/metrics-server.ts serves it.
export * from './relay-status.js';
export * from './relay-labels.js';
export type { RelayMetricsInput } from './relay-metrics-input.js';
export { RELAY_FAMILIES, KNOWN_FLAGS, CONTROL_STATES, VERSION_STATUSES, HIBERNATION_STATES, controlStateOf, relayLabelsOf } from './relay-families.js';
export { MAX_TOR_FAMILIES, MAX_TOR_SAMPLES } from './tor-families.js';
export * from './scrape-registry.js';
