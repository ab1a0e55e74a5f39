// Public surface of the socket-table readers (/proc/net/tcp{,6}, /proc/PID/fd, ss fallback).
export * from './proc-net-tcp.js';
export * from './fd-inodes.js';
export * from './ss-output.js';
export * from './socket-table.js';
export * from './proc-net-unix.js';
export * from './socket-holders.js';
export * from './peer-processes.js';
