// Public surface of the Relays (fleet) page: view and sort order, key table and reducer, cell
// formatting, page select and drawing.
export * from './relays-view.js';
export * from './relays-keys.js';
export * from './relay-format.js';
export * from './select-relays.js';
export * from './draw-relays.js';
