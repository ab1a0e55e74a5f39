// Public surface of the connections panel: the list, the view and its keys, line formatting, the
// page select, chart data and drawing.
export * from './view.js';
export * from './sort-keys.js';
export * from './connection-list.js';
export * from './entry-format.js';
export * from './entry-lines.js';
export * from './detail-box.js';
export * from './search.js';
export * from './select-connections.js';
export * from './keys.js';
export * from './chart-data.js';
export * from './draw-connections.js';
