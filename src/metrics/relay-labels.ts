// The labels every relay series carries, and how any label value is made safe to expose: cut to a
// bounded length and sanitised (no control characters), so a hostile nickname, contact line or log
// message costs what a short one does. prom-client escapes \ " and newline for the wire. Pure.
import { cleanField } from '../relay/fleet/relay-summary.js';

/** relay: ortop's display name; nickname and fingerprint: tor's ("" until known). */
export interface RelayLabels {
  readonly relay: string;
  readonly nickname: string;
  readonly fingerprint: string;
  readonly [extra: string]: string;
}

export const RELAY_LABEL_NAMES = ['relay', 'nickname', 'fingerprint'] as const;

/** Longest label value kept (tor's nicknames have 19 characters, fingerprints 40). */
export const MAX_LABEL_CHARS = 128;

/** Cut, sanitised, and well-formed UTF-16 (a lone surrogate would reach the wire as U+FFFD anyway). */
export function cleanLabelValue(value: string | undefined): string {
  if (value === undefined) return '';
  // Printable ASCII of a fitting length is already what the cleaning would give (most of tor's words).
  if (value.length <= MAX_LABEL_CHARS && PLAIN.test(value)) return value;
  return toWellFormed(cleanField(value, MAX_LABEL_CHARS));
}

const PLAIN = /^[\x20-\x7e]*$/;

function toWellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Prometheus's grammar for label names; `__` is reserved for Prometheus itself. */
export function isLabelName(name: string): boolean {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name) && !name.startsWith('__');
}

/** Prometheus's grammar for metric names. */
export function isMetricName(name: string): boolean {
  return /^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name);
}
