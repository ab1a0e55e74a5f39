// Public surface of the interpreter model: command policy, secrets, history, completion, events,
// transcript, help and /info.
export * from './secrets.js';
export * from './command-policy.js';
export * from './history.js';
export * from './completion.js';
export * from './event-ring.js';
export * from './transcript.js';
export * from './help-text.js';
export * from './relay-info.js';
