// Replays a pty's output through @xterm/headless (a real terminal emulator) and reports the first chunk
// after which the visible screen satisfies a predicate, with that chunk's arrival time. Reads only: it
// never answers the program's terminal queries or sends it input.

import xterm from '@xterm/headless';
import type { PtyChunk, PtyProcess } from './pty-process.js';

const { Terminal } = xterm;

export type ScreenPredicate = (rows: readonly string[]) => boolean;

export interface ScreenMatch {
  /** Arrival time (ms since the child's fork) of the chunk that completed the match. */
  readonly atMs: number;
  readonly rows: readonly string[];
}

export interface ScreenWatch {
  /** Resolves on the first match; rejects when the process exits or timeoutMs passes first. */
  readonly match: Promise<ScreenMatch>;
  /** Arrival time of the first output byte, if any arrived. */
  readonly firstByteAtMs: () => number | undefined;
  /** Arrival time of the chunk after which each extra mark's predicate first held. */
  readonly marks: () => ReadonlyMap<string, number>;
  /** The current screen text (for error messages). */
  readonly rows: () => readonly string[];
  dispose(): void;
}

export function watchScreen(
  pty: PtyProcess,
  size: { readonly cols: number; readonly rows: number },
  predicate: ScreenPredicate,
  timeoutMs: number,
  label: string,
  extraMarks: Readonly<Record<string, ScreenPredicate>> = {},
): ScreenWatch {
  const marks = new Map<string, number>();
  const term = new Terminal({ cols: size.cols, rows: size.rows, allowProposedApi: true, scrollback: 0 });
  let firstByteAtMs: number | undefined;
  let done = false;
  let disposed = false;
  const readRows = (): string[] => {
    const buffer = term.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < size.rows; y++) out.push(buffer.getLine(y)?.translateToString(true) ?? '');
    return out;
  };
  let timer: NodeJS.Timeout | undefined;
  const match = new Promise<ScreenMatch>((resolve, reject) => {
    const fail = (why: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      reject(new Error(`${label}: ${why}; screen so far:\n${readRows().join('\n').trimEnd()}`));
    };
    timer = setTimeout(() => fail(`no full frame within ${timeoutMs} ms`), timeoutMs);
    pty.onChunk((chunk: PtyChunk) => {
      firstByteAtMs ??= chunk.atMs;
      if (done || disposed) return;
      term.write(chunk.bytes, () => {
        if (done || disposed) return;
        const rows = readRows();
        for (const [name, markPredicate] of Object.entries(extraMarks)) {
          if (!marks.has(name) && markPredicate(rows)) marks.set(name, chunk.atMs);
        }
        if (predicate(rows)) {
          done = true;
          clearTimeout(timer);
          resolve({ atMs: chunk.atMs, rows });
        }
      });
    });
    // Let the emulator finish the chunks already queued before declaring the exit a failure.
    void pty.exited.then((exit) => term.write('', () => fail(`exited (${exit?.code ?? 'unknown'}) before a full frame`)));
  });
  match.catch(() => undefined);
  return {
    match,
    firstByteAtMs: () => firstByteAtMs,
    marks: () => marks,
    rows: readRows,
    dispose: () => {
      disposed = true;
      clearTimeout(timer);
      term.dispose();
    },
  };
}
