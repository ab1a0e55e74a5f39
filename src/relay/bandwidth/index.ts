// Public surface of the bandwidth model: series at eight intervals, history seeding, limits,
// accounting and spike detection for the graph panel.
export * from './interval-series.js';
export * from './stat-series.js';
export * from './bandwidth-limits.js';
export * from './bw-history.js';
export * from './spikes.js';
export * from './accounting.js';
export * from './graph-model.js';
