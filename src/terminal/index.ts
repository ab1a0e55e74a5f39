// Public surface of the terminal layer: sanitising, display width, the screen factory, the fake terminal.
export * from './sanitize.js';
export * from './message-text.js';
export * from './width.js';
export * from './screen.js';
export * from './grid.js';
export * from './fake-terminal.js';
export * from './theme.js';
export * from './terminfo-colors.js';
