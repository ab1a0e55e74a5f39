// Public surface of the controller: connect(), the Controller, its options and every error kind.
export * from './clock.js';
export * from './errors.js';
export * from './auth-errors.js';
export * from './safecookie.js';
export * from './cookie.js';
export * from './auth.js';
export * from './session.js';
export * from './cache-policy.js';
export * from './reply-cache.js';
export * from './event-router.js';
export * from './subscription.js';
export * from './types.js';
export * from './commands.js';
export * from './controller.js';
export * from './connect.js';
