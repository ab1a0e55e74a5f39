// Public surface of the fleet model: one summary per relay for the Relays page (and exporters), and the totals row.
export * from './relay-summary.js';
export * from './relay-totals.js';
export * from './snapshot-json.js';
