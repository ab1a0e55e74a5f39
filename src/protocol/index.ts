// Public surface of the sans-IO control protocol core.
export * from './errors.js';
export * from './bytes.js';
export * from './reply.js';
export * from './framer.js';
export * from './cstring.js';
export * from './tokens.js';
export * from './commands.js';
export * from './replies.js';
export * from './events/index.js';
export * from './documents/index.js';
export * from './untrusted-text.js';
export * from './secret-options.js';
export * from './redact-secrets.js';
