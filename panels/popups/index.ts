// Public surface of the shared popups: the popup frame, help, confirmation, status line and menu.
export * from './popup-frame.js';
export * from './help-popup.js';
export * from './confirm-prompt.js';
export * from './status-line.js';
export * from './menu-model.js';
export * from './menu-view.js';
