// Public surface of tor's MetricsPort model: types, parser, address rules, lookups.
export type { TorMetricSample, TorMetricFamily, TorMetricsModel } from './types.js';
export { EMPTY_TOR_METRICS } from './types.js';
export { parseTorMetrics, MAX_FAMILIES, MAX_SAMPLES, MAX_LINES, type ParsedTorMetrics } from './parse-tor-metrics.js';
export { parseMetricsListeners, parseMetricsAddress, isLoopbackHost, formatMetricsAddress, scrapeRefusal, type MetricsAddress } from './metrics-address.js';
