// Public surface of the torrc page panel: syntax colours, selection and view, drawing.
export * from './torrc-syntax.js';
export * from './select-torrc.js';
export * from './draw-torrc.js';
