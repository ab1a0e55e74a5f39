// Public surface of the Health panel: view, select (pure), keys (pure), draw.
export { initialHealthView, type HealthView } from './health-view.js';
export { selectHealthPage, statusGlyph, STATUS_STYLES, type HealthPage, type HealthPageInput, type HealthPageOptions } from './select-health.js';
export { healthKeyTable, reduceHealthKey, type HealthAction, type HealthKeyOutcome } from './health-keys.js';
export { createHealthBox, drawHealth } from './draw-health.js';
