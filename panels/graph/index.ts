// Public surface of the graph panel: view state, pure line selection, drawing.
export * from './graph-format.js';
export * from './graph-view.js';
export * from './graph-bars.js';
export * from './select-graph.js';
export * from './draw-graph.js';
