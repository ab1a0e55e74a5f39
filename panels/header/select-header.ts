// Decides the header's layout: which rows, one column or two (from 141 columns, as Nyx), and the
// text of each, from HeaderFacts and the time. Pure: no blessed, no clock of its own.
import type { HeaderFacts } from '../../src/relay/header-facts.js';
import { lineWidth, seg, truncateLine, type Line } from '../../src/terminal/theme.js';
import {
  selectBootstrapWarningRow,
  selectExitPolicyRow,
  selectFingerprintRow,
  selectFlagsRow,
  selectNewnymRow,
  selectPlatformRow,
  selectPortsRow,
  selectResourcesRow,
  selectStatusRow,
  type RelayLabel,
} from './header-rows.js';

export interface HeaderView {
  /** Draw the bootstrap bar with block glyphs instead of '#' and '-'. */
  readonly unicode?: boolean;
  /** Which relay this is, when ortop watches several ("relay 2/3: NAME" on the first row). */
  readonly relay?: RelayLabel;
}

/** Nyx's MIN_DUAL_COL_WIDTH: from this width the header uses two columns. */
export const WIDE_HEADER_MIN_WIDTH = 141;
const LEFT_COLUMN_MIN_WIDTH = 77;

export const isWideHeader = (width: number): boolean => width >= WIDE_HEADER_MIN_WIDTH;

function joinColumns(left: Line | undefined, right: Line | undefined, leftWidth: number, width: number): Line {
  const l = left ?? [];
  if (right === undefined || right.length === 0) return l;
  const gap = seg(' '.repeat(Math.max(0, leftWidth - lineWidth(l))));
  return truncateLine([...l, gap, ...right], width);
}

/**
 * The header's rows, each at most `width` cells wide.
 * Narrow (< 141):            Wide (>= 141):
 *   platform + Tor version     platform + Tor version | cpu mem pid uptime
 *   ports / connection state   ports / connection     | fingerprint + fds (relay) or NEWNYM (client)
 *   cpu mem pid uptime         flags (relay)          | exit policy (relay)
 *   fingerprint + fds (relay)
 *   flags (relay)
 *   exit policy (relay) or NEWNYM (client)
 * then, when there is something to say: network down / bootstrap progress, bootstrap warning.
 */
export function selectHeaderLines(facts: HeaderFacts, nowMs: number, width: number, view: HeaderView = {}): Line[] {
  const w = Math.max(0, Math.floor(width));
  const rows: Line[] = [];
  if (isWideHeader(w)) {
    const leftWidth = Math.max(Math.floor(w / 2), LEFT_COLUMN_MIN_WIDTH);
    const l = leftWidth - 1;
    const r = w - leftWidth;
    rows.push(joinColumns(selectPlatformRow(facts, l, view.relay), selectResourcesRow(facts, nowMs, r), leftWidth, w));
    const second = facts.isRelay ? selectFingerprintRow(facts, r) : selectNewnymRow(facts, r);
    rows.push(joinColumns(selectPortsRow(facts, nowMs, l), second, leftWidth, w));
    if (facts.isRelay) rows.push(joinColumns(selectFlagsRow(facts, l), selectExitPolicyRow(facts, r), leftWidth, w));
  } else {
    rows.push(selectPlatformRow(facts, w, view.relay), selectPortsRow(facts, nowMs, w), selectResourcesRow(facts, nowMs, w));
    if (facts.isRelay) rows.push(selectFingerprintRow(facts, w), selectFlagsRow(facts, w), selectExitPolicyRow(facts, w));
    else {
      const newnym = selectNewnymRow(facts, w);
      if (newnym !== undefined) rows.push(newnym);
    }
  }
  const status = selectStatusRow(facts, w, view.unicode ?? false);
  if (status !== undefined) rows.push(status);
  const warning = selectBootstrapWarningRow(facts, w);
  if (warning !== undefined) rows.push(warning);
  return rows;
}

/** Rows the header needs at this width (independent of the time). */
export function headerHeight(facts: HeaderFacts, width: number): number {
  return selectHeaderLines(facts, 0, width).length;
}
