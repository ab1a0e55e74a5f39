// How the Relays page words and colours one relay's figures: the state (the header's words), flag
// letters in the header's flag colours, compact uptime, the last-minute sparkline, accounting and
// the last warning. Pure; no layout beyond a cell's own text.
import type { AccountingSummary, ProblemMessage, RelayState } from '../../src/relay/fleet/index.js';
import { sanitizeLine } from '../../src/terminal/sanitize.js';
import { seg, type Segment, type Style } from '../../src/terminal/theme.js';
import { formatSize } from '../graph/graph-format.js';
import { flagStyle, formatClock } from '../header/header-format.js';

/** Red for a relay that is gone, yellow for one that needs a hand or is getting there, green when well. */
export function stateStyle(state: RelayState): Style {
  switch (state.kind) {
    case 'connected':
      return { fg: 'green' };
    case 'disconnected':
      return { fg: 'red', bold: true };
    case 'not-answering':
    case 'password-needed':
      return { fg: 'yellow', bold: true };
    case 'bootstrapping':
      return { fg: 'yellow' };
    case 'connecting':
      return { fg: 'cyan' };
  }
}

/**
 * The state in a few words: 'connected', 'bootstrapping 45%', 'connecting', 'not answering',
 * 'password needed', 'disconnected'; the long form adds since when (and tor's problem):
 * 'disconnected since 14:03:09: nothing listening', 'not answering since 14:03:09'.
 */
export function stateText(state: RelayState, long: boolean): string {
  switch (state.kind) {
    case 'connected':
    case 'connecting':
      return state.kind;
    case 'bootstrapping':
      return `bootstrapping ${state.progress}%`;
    case 'not-answering':
      return long ? `not answering since ${formatClock(state.lastHeardAtMs)}` : 'not answering';
    case 'password-needed':
      return long && state.problem !== 'password needed' ? `password needed: ${sanitizeLine(state.problem)}` : 'password needed';
    case 'disconnected': {
      if (!long) return 'disconnected';
      const why = state.problem === undefined ? '' : `: ${sanitizeLine(state.problem)}`;
      return `disconnected since ${formatClock(state.atMs)}${why}`;
    }
  }
}

/** One letter per flag, in the order tor lists them; anything else is '+'. */
const FLAG_LETTERS: Readonly<Record<string, string>> = {
  Authority: 'A',
  BadExit: 'B',
  Exit: 'E',
  Fast: 'F',
  Guard: 'G',
  HSDir: 'H',
  MiddleOnly: 'M',
  NoEdConsensus: 'N',
  Running: 'R',
  Stable: 'S',
  StaleDesc: 'D',
  V2Dir: '2',
  Valid: 'V',
};

/** The letters explained, in rows short enough for a column of the help popup. */
export const FLAG_LEGEND: readonly string[] = [
  'R Running, V Valid, F Fast',
  'S Stable, G Guard, E Exit',
  'H HSDir, 2 V2Dir, A Authority',
  'B BadExit, D StaleDesc',
  'M MiddleOnly, N NoEdConsensus',
  '+ any other flag',
];

/** "EFGHRSV2V": each letter bold in its flag's header colour; "none" when tor lists none. */
export function flagSegments(flags: readonly string[] | undefined): Segment[] {
  if (flags === undefined) return [seg('?', { fg: 'cyan' })];
  if (flags.length === 0) return [seg('none', { fg: 'cyan' })];
  return flags.map((flag) => {
    const letter = Object.hasOwn(FLAG_LETTERS, flag) ? FLAG_LETTERS[flag]! : '+';
    return seg(letter, flagStyle(flag));
  });
}

/** Compact uptime for a column of 7: '45s', '12m 03s', '5h 12m', '12d 4h'. */
export function formatUptimeShort(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const two = (n: number) => String(n).padStart(2, '0');
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${two(s % 60)}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${two(Math.floor(s / 60) % 60)}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor(s / 3600) % 24}h`;
}

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const ASCII_BLOCKS = ['_', '.', '-', ':', '=', '+', '*', '#'];

/**
 * The last minute in `cells` cells, oldest at the left, each the mean of its seconds, scaled to
 * the largest cell: sparkline([0, 5, 10], 3, true) === '▁▅█'. A blank cell had no data.
 */
export function sparkline(seconds: ReadonlyArray<number | undefined>, cells: number, unicode: boolean): string {
  const n = Math.max(0, Math.floor(cells));
  if (n === 0) return '';
  const means: Array<number | undefined> = [];
  for (let i = 0; i < n; i++) {
    const from = Math.floor((i * seconds.length) / n);
    const to = Math.max(from + 1, Math.floor(((i + 1) * seconds.length) / n));
    let sum = 0;
    let count = 0;
    for (let k = from; k < to && k < seconds.length; k++) {
      const v = seconds[k];
      if (v === undefined || !Number.isFinite(v)) continue;
      sum += Math.max(0, v);
      count++;
    }
    means.push(count === 0 ? undefined : sum / count);
  }
  const max = means.reduce<number>((m, v) => (v === undefined ? m : Math.max(m, v)), 0);
  const blocks = unicode ? BLOCKS : ASCII_BLOCKS;
  return means.map((v) => (v === undefined ? ' ' : blocks[max > 0 ? Math.round((v / max) * (blocks.length - 1)) : 0]!)).join('');
}

/** "21 GB/50 GB", awake green, soft yellow, hard red (Nyx's accounting colours). */
export function accountingSegment(a: AccountingSummary): Segment {
  const fg = a.hibernating === 'awake' ? 'green' : a.hibernating === 'soft' ? 'yellow' : a.hibernating === 'hard' ? 'red' : undefined;
  const text = `${formatSize(a.usedBytes)}/${formatSize(a.limitBytes)}`;
  return fg === undefined ? seg(text) : seg(text, { fg });
}

const DAY_MS = 86_400_000;

/** "14:03:09 Your relay is unreachable…" (days ago beyond a day), WARN yellow, ERR red. */
export function problemSegments(p: ProblemMessage, nowMs: number): Segment[] {
  const age = nowMs - p.atMs;
  const when = age >= DAY_MS ? `${Math.floor(age / DAY_MS)}d ago` : formatClock(p.atMs);
  return [seg(`${when} `), seg(sanitizeLine(p.message), p.type === 'ERR' ? { fg: 'red', bold: true } : { fg: 'yellow' })];
}
