// Relays on other machines over ssh: the target syntax, the ssh command lines, the tunnel process,
// control connections through it and the remote cookie. Uses the system's OpenSSH client.
export * from './ssh-target.js';
export * from './ssh-argv.js';
export * from './ssh-errors.js';
export * from './runtime-dir.js';
export * from './ssh-tunnel.js';
export * from './ssh-transport.js';
export * from './ssh-cookie.js';
