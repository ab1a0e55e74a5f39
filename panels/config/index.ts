// Public surface of the config page panel: view reducer, selection, sort popup, drawing.
export * from './config-view.js';
export * from './select-config.js';
export * from './sort-popup.js';
export * from './draw-config.js';
export * from './wrap-text.js';
