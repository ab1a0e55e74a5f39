// Public surface of the relay model: pure data and reducers fed by the app's collectors.
export * from './header-facts.js';
export * from './header-info.js';
export * from './header-exit-policy.js';
