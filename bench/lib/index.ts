// Shared helpers of the monitor benchmarks (startup, idle, logflood): pty runner, screen watcher, the two monitors,
// the benchmark tor, /proc sampling, statistics. Re-exports only.

export * from './bench-tor.js';
export * from './bench-run.js';
export * from './build.js';
export * from './machine.js';
export * from './monitors.js';
export * from './proc-sample.js';
export * from './pty-process.js';
export * from './run-monitor.js';
export * from './screen-watch.js';
export * from './stats.js';
