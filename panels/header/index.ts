// Public surface of the header panel: pure row selection and layout, and drawing onto blessed.
export * from './header-format.js';
export * from './header-rows.js';
export * from './select-header.js';
export * from './draw-header.js';
