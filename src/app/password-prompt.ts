// Asks for the control password on the terminal without echoing it (Nyx's prompt echoes on
// reconnect). Raw mode: every key is read by us, nothing is printed but the prompt. The password
// lives only in the returned string; nothing is logged.
import type { ReadStream } from 'node:tty';
import type { Writable } from 'node:stream';

export class PromptCancelled extends Error {
  override readonly name = 'PromptCancelled';
  constructor() {
    super('password prompt cancelled');
  }
}

/** Reads a line from a TTY in raw mode without echo. Ctrl-C / Ctrl-D / Esc cancel; Backspace edits. */
export function promptHidden(input: ReadStream, output: Writable, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const wasRaw = input.isRaw;
    let value = '';
    output.write(prompt);
    input.setRawMode(true);
    input.resume();
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode(wasRaw);
      input.pause();
      output.write('\n');
      if (error !== undefined) reject(error);
      else resolve(value);
      value = '';
    };
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      for (const ch of text) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003' || ch === '\u0004' || ch === '\u001b') return finish(new PromptCancelled());
        if (ch === '\u007f' || ch === '\b') {
          value = [...value].slice(0, -1).join('');
          continue;
        }
        if (ch >= ' ') value += ch;
      }
    };
    input.on('data', onData);
  });
}

/** ORTOP_PASSWORD wins; otherwise prompt on a TTY; otherwise no password can be had. */
export function passwordFromEnvOrPrompt(
  env: NodeJS.ProcessEnv,
  input: NodeJS.ReadStream,
  output: Writable,
): (() => Promise<string>) | undefined {
  const fromEnv = env.ORTOP_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return async () => fromEnv;
  if (!input.isTTY) return undefined;
  return () => promptHidden(input as ReadStream, output, 'Tor control password: ');
}
