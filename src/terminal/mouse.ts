// Mouse input as htop and btop users expect it: clicks and the wheel, read from the terminal's SGR
// reports (ESC[<b;x;yM press, …m release). ortop asks only for button events (mode 1000) in SGR
// coordinates (1006): no motion reports, no UTF-8 coordinates. Parsing is pure; the caller routes.

/** Ask the terminal for button presses and wheel steps in SGR form, and stop asking. */
export const MOUSE_ON = '\x1b[?1000h\x1b[?1006h';
export const MOUSE_OFF = '\x1b[?1006l\x1b[?1000l';

export interface MouseEvent {
  readonly kind: 'press' | 'release' | 'wheel';
  readonly button: 'left' | 'middle' | 'right' | 'none';
  /** Wheel: -1 up (away from the user), +1 down. */
  readonly step?: 1 | -1;
  /** 0-based cell column and row. */
  readonly x: number;
  readonly y: number;
}

// ESC [ < button ; column ; row (M | m); columns and rows 1-based.
const SGR_MOUSE = /\x1b\[<(\d{1,4});(\d{1,5});(\d{1,5})([Mm])/g;
const BUTTONS = ['left', 'middle', 'right', 'none'] as const;

/** Every SGR mouse report in a chunk of terminal input, in order (other bytes are ignored). */
export function parseSgrMouse(text: string): MouseEvent[] {
  const out: MouseEvent[] = [];
  for (const m of text.matchAll(SGR_MOUSE)) {
    const b = Number(m[1]);
    const x = Math.max(0, Number(m[2]) - 1);
    const y = Math.max(0, Number(m[3]) - 1);
    // Bit 5: motion (not asked for; ignored). Bit 6: wheel (button 0 up, 1 down).
    if ((b & 32) !== 0) continue;
    if ((b & 64) !== 0) {
      if ((b & 3) > 1) continue;
      out.push({ kind: 'wheel', button: 'none', step: (b & 3) === 0 ? -1 : 1, x, y });
      continue;
    }
    out.push({ kind: m[4] === 'M' ? 'press' : 'release', button: BUTTONS[b & 3]!, x, y });
  }
  return out;
}

interface DataSource {
  on(event: 'data', listener: (data: Buffer | string) => void): unknown;
  removeListener(event: 'data', listener: (data: Buffer | string) => void): unknown;
}

/** Calls `onEvent` for each mouse report arriving on `input`; returns the way to stop. */
export function trackMouse(input: DataSource, onEvent: (event: MouseEvent) => void): () => void {
  const onData = (data: Buffer | string) => {
    const text = typeof data === 'string' ? data : data.toString('latin1');
    if (!text.includes('\x1b[<')) return;
    for (const event of parseSgrMouse(text)) onEvent(event);
  };
  input.on('data', onData);
  return () => input.removeListener('data', onData);
}
