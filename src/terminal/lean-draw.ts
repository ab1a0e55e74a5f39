// Fewer bytes per frame, for ssh links and tmux. Hooks blessed's draw so that rows that moved are
// scrolled instead of rewritten (row-scroll.ts), then rewrites what blessed sends, keeping the
// picture exact:
//   - a cursor move directly followed by another is dropped (blessed sends "go to column 1" and
//     then "go to column 107" for a row whose only change is at 107);
//   - colours are sent only when something is drawn with them: blessed resets them at the end of
//     every changed row and sets them again on the next, even when they are the same.
import { scrollMovedRows } from './row-scroll.js';
import type { Screen } from './screen.js';

/** Escape sequences (CSI) blessed draws with, and ESC 7 / ESC 8 (save / restore cursor and colours). */
const TOKEN = /\x1b\[([0-9;?]*)([A-Za-z@])|\x1b([78])/g;
/** CSI finals that neither draw nor depend on colours: cursor moves, scroll region, modes. */
const NO_DRAWING = new Set(['H', 'A', 'B', 'C', 'D', 'd', 'G', 'r', 'h', 'l']);

/**
 * blessed's output for one frame, with overridden cursor moves dropped and colour changes sent only
 * before what they colour. Colours are tracked as the SGR codes applied since the last reset.
 */
export function leanOutput(text: string): string {
  let out = '';
  let shown = ''; // colours the terminal has: codes since a reset ('' = default)
  let wanted = ''; // colours blessed's stream has at this point
  let saved = '';
  let pendingMove = ''; // a cursor move not yet sent (dropped if another follows)
  let last = 0;
  const sync = () => {
    if (wanted === shown) return;
    out += wanted === '' ? '\x1b[m' : shown === '' ? `\x1b[${wanted}m` : `\x1b[0;${wanted}m`;
    shown = wanted;
  };
  const draws = () => {
    out += pendingMove;
    pendingMove = '';
    sync();
  };
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    if (m.index > last) {
      draws();
      out += text.slice(last, m.index);
    }
    last = TOKEN.lastIndex;
    const [token, params, final, saveRestore] = m;
    if (final === 'm') {
      wanted = params === '' || params === '0' ? '' : wanted === '' ? params! : `${wanted};${params}`;
    } else if (final === 'H') {
      pendingMove = token;
    } else if (final !== undefined && NO_DRAWING.has(final)) {
      out += pendingMove + token;
      pendingMove = '';
    } else if (saveRestore === '7') {
      draws(); // the position and colours are saved
      out += token;
      saved = shown;
    } else if (saveRestore === '8') {
      pendingMove = '';
      wanted = saved;
      sync(); // DECRC restores colours too, but not every terminal does
      out += token;
    } else {
      draws();
      out += token;
    }
  }
  if (last < text.length) {
    draws();
    out += text.slice(last);
  }
  draws();
  return out;
}

interface DrawingScreen {
  draw(start: number, end: number): void;
  program: { _write(text: string): unknown };
}

export function installLeanDraw(screen: Screen): void {
  const s = screen as unknown as DrawingScreen;
  const draw = s.draw;
  const program = s.program;
  const write = program._write;
  const leanWrite = (text: string) => write.call(program, leanOutput(text));
  s.draw = function leanDraw(this: DrawingScreen, start: number, end: number): void {
    scrollMovedRows(screen, start, end);
    program._write = leanWrite;
    try {
      draw.call(this, start, end);
    } finally {
      program._write = write;
    }
  };
}
