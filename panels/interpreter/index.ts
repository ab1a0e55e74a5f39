// Public surface of the interpreter page panel: view reducer, selection, drawing.
export * from './interpreter-view.js';
export * from './select-interpreter.js';
export * from './draw-interpreter.js';
