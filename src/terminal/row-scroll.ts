// Rows that moved are scrolled, not rewritten. When a list grows or shrinks by a row near its top,
// every row below shifts; blessed would rewrite each of them (a 120-column row is ~150 bytes).
// Terminals can move a block of rows with a scroll region and insert/delete-line, as curses does.
// Before blessed draws a frame, this compares a hash of every row the terminal shows (blessed's
// `olines`) with the row about to be drawn (`lines`), finds the scroll that makes the most rows
// already right, sends it, and moves `olines` the same way. blessed's own cell-by-cell diff then
// writes only what still differs, so a wrong guess (even a hash collision) costs bytes, never the
// picture. planScroll is pure (hashes in, one scroll out); scrollMovedRows works on blessed's buffers
// and is called by lean-draw.ts before each draw.
import type { Screen } from './screen.js';

/** Rows top..bottom (inclusive) move by `shift`: > 0 up (deleted at top), < 0 down (inserted at top). */
export interface ScrollOp {
  readonly top: number;
  readonly bottom: number;
  readonly shift: number;
}

/** A scroll must make at least this many more rows already right, or it is not worth its ~25 bytes. */
const MIN_GAIN = 2;
/** At most this many scrolls per frame (each is planned on the rows the previous one left). */
const MAX_SCROLLS_PER_FRAME = 4;

/**
 * The one scroll of a region that makes the most rows equal to `next` (by hash), or null when none
 * gains MIN_GAIN rows. `shown[y]` is the hash of what the terminal shows on row y, `blank` the hash
 * of an empty row (what scrolled-in rows become).
 */
export function planScroll(shown: ArrayLike<number>, next: ArrayLike<number>, blank: number): ScrollOp | null {
  const n = Math.min(shown.length, next.length);
  // Candidate shifts: where a row that is wrong now is shown elsewhere, nearest first.
  const where = new Map<number, number[]>();
  for (let y = 0; y < n; y++) {
    const h = shown[y]!;
    if (h === blank) continue;
    const list = where.get(h);
    if (list === undefined) where.set(h, [y]);
    else list.push(y);
  }
  const shifts = new Set<number>();
  for (let y = 0; y < n; y++) {
    if (next[y] === shown[y]) continue;
    const from = where.get(next[y]!);
    if (from === undefined) continue;
    let best = 0;
    for (const j of from) if (best === 0 || Math.abs(j - y) < Math.abs(best)) best = j - y;
    if (best !== 0) shifts.add(best);
  }
  let bestOp: ScrollOp | null = null;
  let bestGain = MIN_GAIN - 1;
  const right = (y: number, h: number) => (next[y] === h ? 1 : 0);
  for (const k of shifts) {
    const m = Math.abs(k);
    if (m >= n) continue;
    // Rows y that would show shown[y + k]: gain d(y) = right after - right now. Kadane's best run
    // [a, b], then the m rows the scroll blanks (below the run when moving up, above when down).
    let runStart = -1;
    let runGain = 0;
    const lo = k > 0 ? 0 : m;
    const hi = k > 0 ? n - 1 - m : n - 1;
    for (let y = lo; y <= hi; y++) {
      const d = right(y, shown[y + k]!) - right(y, shown[y]!);
      if (runStart < 0 || runGain <= 0) {
        runStart = y;
        runGain = 0;
      }
      runGain += d;
      if (runGain <= bestGain) continue;
      const op: ScrollOp = k > 0 ? { top: runStart, bottom: y + m, shift: k } : { top: runStart - m, bottom: y, shift: k };
      const blankFrom = k > 0 ? y + 1 : op.top;
      let gain = runGain;
      for (let b = blankFrom; b < blankFrom + m; b++) gain += right(b, blank) - right(b, shown[b]!);
      if (gain > bestGain) {
        bestGain = gain;
        bestOp = op;
      }
    }
  }
  return bestOp;
}

/** Moves rows[top..bottom] as the terminal does for `op`; a row scrolled out comes back as blankOf(it). */
export function applyScroll<T>(rows: T[], op: ScrollOp, blankOf: (row: T) => T): void {
  const m = Math.abs(op.shift);
  const out = op.shift > 0 ? rows.splice(op.top, m) : rows.splice(op.bottom - m + 1, m);
  rows.splice(op.shift > 0 ? op.bottom - m + 1 : op.top, 0, ...out.map(blankOf));
}

type Cell = [number, string];
type Line = Cell[] & { dirty?: boolean };

interface DrawingScreen {
  lines: Line[];
  olines: Cell[][];
  dattr: number;
  _buf?: string;
  tput: {
    csr(top: number, bottom: number): string;
    cup(y: number, x: number): string;
    il(n: number): string;
    dl(n: number): string;
  };
}

function rowHash(row: readonly Cell[] | undefined): number {
  let h = 0x811c9dc5;
  if (row === undefined) return h;
  for (let x = 0; x < row.length; x++) {
    const cell = row[x]!;
    h = Math.imul(h ^ cell[0], 0x01000193);
    const ch = cell[1];
    h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
    if (ch.length > 1) h = Math.imul(h ^ ch.charCodeAt(1), 0x01000193);
  }
  return h;
}

/** The escape sequence that scrolls rows top..bottom of a `rows`-high terminal by op.shift. */
export function scrollSequence(tput: DrawingScreen['tput'], op: ScrollOp, rows: number): string {
  const m = Math.abs(op.shift);
  const move = op.shift > 0 ? tput.dl(m) : tput.il(m);
  // SGR reset first: inserted and deleted lines are filled with the current background (BCE).
  return `\x1b[m${tput.csr(op.top, op.bottom)}${tput.cup(op.top, 0)}${move}${tput.csr(0, rows - 1)}`;
}

/** What the terminal shows, as row hashes, kept from frame to frame (blessed's draw makes a dirty row's `olines` its `lines`). */
interface Shown {
  readonly olines: Cell[][];
  /** Which row array each hash was taken of: blessed's own insert/delete-line splices in new ones. */
  readonly rowOf: Cell[][];
  readonly hashes: number[];
  /** The hash of an empty row of this width and default colours. */
  readonly blank: number;
}

const shownOf = new WeakMap<object, Shown>();

function shownFor(s: DrawingScreen): Shown {
  const rows = s.olines.length;
  const known = shownOf.get(s);
  // blessed allocates new buffers on a resize: then hash what they hold.
  if (known !== undefined && known.olines === s.olines && known.hashes.length === rows) {
    for (let y = 0; y < rows; y++) {
      if (known.rowOf[y] === s.olines[y]) continue;
      known.rowOf[y] = s.olines[y]!;
      known.hashes[y] = rowHash(s.olines[y]);
    }
    return known;
  }
  const width = s.olines[0]?.length ?? 0;
  const blankRow: Cell[] = Array.from({ length: width }, () => [s.dattr, ' ']);
  const fresh: Shown = { olines: s.olines, rowOf: s.olines.slice(), hashes: Array.from({ length: rows }, (_, y) => rowHash(s.olines[y])), blank: rowHash(blankRow) };
  shownOf.set(s, fresh);
  return fresh;
}

/**
 * Sends the scrolls that make the most rows of blessed's next frame already right and moves `olines`
 * (what the terminal shows) to match, marking the moved rows for blessed to compare. Only changed
 * rows are hashed; frames with fewer than three skip the planning (nothing to win).
 */
export function scrollMovedRows(screen: Screen, start: number, end: number): void {
  const s = screen as unknown as DrawingScreen;
  const rows = s.lines.length;
  if (start !== 0 || end !== rows - 1 || s.olines.length !== rows) {
    shownOf.delete(s); // a partial draw: hash everything next time
    return;
  }
  const shown = shownFor(s);
  const hashes = shown.hashes;
  const next = hashes.slice();
  let dirty = 0;
  for (let y = 0; y < rows; y++) {
    if (s.lines[y]!.dirty !== true) continue;
    next[y] = rowHash(s.lines[y]);
    dirty++;
  }
  let out = '';
  for (let i = 0; dirty >= 3 && i < MAX_SCROLLS_PER_FRAME; i++) {
    const op = planScroll(hashes, next, shown.blank);
    if (op === null) break;
    out += scrollSequence(s.tput, op, rows);
    applyScroll(s.olines, op, (row) => {
      for (const cell of row) {
        cell[0] = s.dattr;
        cell[1] = ' ';
      }
      return row;
    });
    applyScroll(hashes, op, () => shown.blank);
    applyScroll(shown.rowOf, op, (row) => row);
    for (let y = op.top; y <= op.bottom; y++) s.lines[y]!.dirty = true;
  }
  if (out !== '') s._buf = (s._buf ?? '') + out;
  // After the draw the terminal shows the next frame (rows not dirty were already right).
  for (let y = 0; y < rows; y++) hashes[y] = next[y]!;
}
