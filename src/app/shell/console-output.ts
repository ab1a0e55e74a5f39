// The one door from ortop to stdout and stderr outside the full-screen UI: error lines, notices,
// prompts, help text and the --snapshot frame. Every message passes messageLine (sanitised, capped),
// so nothing a peer put into an error reaches the terminal raw; a write that fails (a full disk, a
// reader that went away) is a result, never a stack trace. Nothing else in src/ or panels/ may touch
// process.stdout or process.stderr (test/app/console-output.test.ts scans for it).
import { messageBlock, messageLine } from '../../terminal/index.js';

/** What console output needs from a stream (process.stderr, or a test's collector). */
export interface OutputStream {
  write(chunk: string, callback?: (error?: Error | null) => void): boolean;
  on?(event: 'error', listener: (error: Error) => void): unknown;
}

const guarded = new WeakSet<object>();

/**
 * A failed write on stdout/stderr is reported to the writer's callback; without a listener node
 * would also throw it as an 'error' event (the raw stack trace of `ortop --snapshot > /dev/full`).
 */
function guard(stream: OutputStream): OutputStream {
  if (!guarded.has(stream) && stream.on !== undefined) {
    guarded.add(stream);
    stream.on('error', () => {});
  }
  return stream;
}

const stderr = (): OutputStream => guard(process.stderr);

/** "ortop: <message>" on stderr, one sanitised line of at most MESSAGE_MAX_CHARS. */
export function printMessage(message: string, stream: OutputStream = stderr()): void {
  guard(stream).write(`ortop: ${messageLine(message)}\n`);
}

/** A question without a line break (the answer is typed after it), sanitised. */
export function printPrompt(text: string, stream: OutputStream = stderr()): void {
  guard(stream).write(messageLine(text));
}

/** Ends a prompt's line (the answer was not echoed). */
export function endPromptLine(stream: OutputStream = stderr()): void {
  guard(stream).write('\n');
}

/** Multi-line text of ortop's own (help, version, a fatal stack trace): each line sanitised, the whole capped. */
export function printText(text: string, where: 'stdout' | 'stderr' | OutputStream = 'stderr'): void {
  const stream = where === 'stdout' ? process.stdout : where === 'stderr' ? process.stderr : where;
  guard(stream).write(messageBlock(text));
}

export type FrameWrite =
  | { readonly kind: 'written' }
  /** The reader closed the pipe (`| head`): nobody wants the rest, which is not a failure. */
  | { readonly kind: 'reader-gone' }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * Writes a --snapshot frame to stdout. The frame comes from the renderer, which draws only sanitised
 * text (and the ANSI format's own SGR codes), so it is written as it is.
 */
export function writeFrame(frame: string, stream: OutputStream = process.stdout): Promise<FrameWrite> {
  return new Promise((resolve) => {
    guard(stream).write(`${frame}\n`, (error) => {
      if (error === undefined || error === null) return resolve({ kind: 'written' });
      const code = (error as { code?: unknown }).code;
      if (code === 'EPIPE') return resolve({ kind: 'reader-gone' });
      resolve({ kind: 'failed', message: `cannot write the snapshot to standard output: ${describeWriteError(error)}` });
    });
  });
}

function describeWriteError(error: Error): string {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'ENOSPC':
      return 'no space left on device (ENOSPC)';
    case 'EDQUOT':
      return 'disk quota exceeded (EDQUOT)';
    case 'EIO':
      return 'input/output error (EIO)';
    case 'EFBIG':
      return 'file too large (EFBIG)';
    default:
      return typeof code === 'string' ? `${error.message} (${code})` : error.message;
  }
}

/** The full-screen UI's output: blessed draws it (its content is sanitised by the renderer, see panels). */
export function screenOutput(): NodeJS.WriteStream {
  return process.stdout;
}

/** True when both stdin and stdout are a terminal (what the full-screen UI needs). */
export function haveTerminal(): boolean {
  return process.stdin.isTTY === true && process.stdout.isTTY === true;
}
