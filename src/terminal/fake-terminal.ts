// A terminal made of in-memory streams: a blessed screen renders into it exactly as into a real
// TTY, and every byte written is kept. Used by tests and by `ortop --snapshot`. Owns no timers
// beyond the setImmediate turns blessed itself needs to flush.
import { PassThrough } from 'node:stream';
import { createScreen, type Screen } from './screen.js';

export interface FakeOutput extends PassThrough {
  columns: number;
  rows: number;
  isTTY: true;
}

export interface FakeTerminal {
  readonly screen: Screen;
  readonly input: PassThrough;
  readonly output: FakeOutput;
  /** Every byte written to the terminal since creation, as a latin1 byte string. */
  bytes(): string;
  /** Bytes written since the last call to takeBytes(). */
  takeBytes(): string;
  /** Types keys as a terminal would send them (e.g. 'q', '\x1b[C' for Right). */
  type(keys: string): void;
  resize(cols: number, rows: number): void;
  /** Renders, flushes and waits until blessed has no deferred output left. */
  settle(): Promise<void>;
  destroy(): Promise<void>;
}

export interface FakeTerminalOptions {
  readonly cols: number;
  readonly rows: number;
  readonly unicode?: boolean;
}

export function createFakeOutput(cols: number, rows: number): FakeOutput {
  return Object.assign(new PassThrough(), { columns: cols, rows, isTTY: true as const });
}

export function createFakeTerminal(options: FakeTerminalOptions): FakeTerminal {
  const input = new PassThrough();
  const output = createFakeOutput(options.cols, options.rows);
  const chunks: Buffer[] = [];
  let taken = 0;
  output.on('data', (b: Buffer) => chunks.push(b));
  const screen = createScreen({ input, output, unicode: options.unicode ?? true });
  const all = () => Buffer.concat(chunks).toString('latin1');
  return {
    screen,
    input,
    output,
    bytes: all,
    takeBytes() {
      const s = all();
      const fresh = s.slice(taken);
      taken = s.length;
      return fresh;
    },
    type(keys: string) {
      input.write(keys);
    },
    resize(cols: number, rows: number) {
      output.columns = cols;
      output.rows = rows;
      output.emit('resize');
    },
    async settle() {
      screen.render();
      let seen = -1;
      for (let turn = 0; turn < 20; turn++) {
        screen.program.flush();
        await new Promise<void>((resolve) => setImmediate(resolve));
        const size = chunks.reduce((n, c) => n + c.length, 0);
        if (size === seen) break;
        seen = size;
      }
    },
    async destroy() {
      screen.destroy();
      input.destroy();
      output.destroy();
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
}
