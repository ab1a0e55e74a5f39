// Public surface of src/record: recording a control session (--record) and playing one back (--replay).
export * from './format.js';
export * from './split.js';
export * from './redact.js';
export * from './recorder.js';
export * from './record-file.js';
export * from './replay-index.js';
export * from './replay-answers.js';
export * from './replay.js';
export * from './open-replay.js';
