// Asks for the control password on the terminal without echoing it (Nyx's prompt echoes on
// reconnect). Raw mode: every key is read by us, nothing is printed but the prompt. The password
// lives only in the returned string; nothing is logged. controlPasswordProvider decides where each
// ask goes: ORTOP_PASSWORD, the terminal before the screen is up, the screen's bottom line after.
import type { ReadStream } from 'node:tty';
import type { PasswordProvider } from '../../controller/index.js';
import type { Screen } from '../../terminal/index.js';
import { endPromptLine, printPrompt, type OutputStream } from './console-output.js';
import { INPUT_LIMITS } from '../../../panels/popups/text-input.js';
import { promptOnScreen } from './screen-prompt.js';
import { sanitizeLine } from '../../terminal/sanitize.js';

export class PromptCancelled extends Error {
  override readonly name = 'PromptCancelled';
  constructor() {
    super('password prompt cancelled');
  }
}

/** Reads a line from a TTY in raw mode without echo. Ctrl-C / Ctrl-D / Esc cancel; Backspace edits. */
export function promptHidden(input: ReadStream, output: OutputStream | undefined, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const wasRaw = input.isRaw;
    let value = '';
    // Raw (no echo) before the prompt is shown: a password typed as the prompt appears is never echoed.
    input.setRawMode(true);
    printPrompt(prompt, output);
    input.resume();
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode(wasRaw);
      input.pause();
      endPromptLine(output);
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
        if (ch >= ' ' && value.length < INPUT_LIMITS.password) value += ch;
      }
    };
    input.on('data', onData);
  });
}

/** ORTOP_PASSWORD wins; otherwise prompt on a TTY; otherwise no password can be had. */
export function passwordFromEnvOrPrompt(
  env: NodeJS.ProcessEnv,
  input: NodeJS.ReadStream,
  output?: OutputStream,
): (() => Promise<string>) | undefined {
  const fromEnv = env.ORTOP_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return async () => fromEnv;
  if (!input.isTTY) return undefined;
  return () => promptHidden(input as ReadStream, output, 'Tor control password: ');
}

/** Thrown to the controller when ORTOP_PASSWORD was rejected and nobody can be asked. */
export class ConfiguredPasswordRejected extends Error {
  override readonly name = 'ConfiguredPasswordRejected';
  constructor() {
    super('tor rejected the password in ORTOP_PASSWORD, and there is no terminal to ask for another');
  }
}

export interface PasswordSources {
  readonly env: NodeJS.ProcessEnv;
  readonly input: NodeJS.ReadStream;
  /** Where the terminal prompt goes; default stderr. */
  readonly output?: OutputStream;
  /** The running screen, once there is one: asks then go to its bottom line (never echoed). */
  readonly screen: () => Screen | undefined;
  /** With several relays, the one this provider asks for (named in the question). */
  readonly relay?: string;
}

/**
 * ORTOP_PASSWORD while tor accepts it; once tor rejects it (a changed HashedControlPassword), the
 * user is asked instead, told why. A password typed and rejected is asked for again, saying so.
 * undefined when there is neither ORTOP_PASSWORD nor a terminal.
 */
export function controlPasswordProvider(sources: PasswordSources): PasswordProvider | undefined {
  const fromEnv = sources.env.ORTOP_PASSWORD === '' ? undefined : sources.env.ORTOP_PASSWORD;
  if (fromEnv === undefined && !sources.input.isTTY) return undefined;
  let envRejected = false;
  let lastFromEnv = false;
  return async ({ rejected }) => {
    const justRejectedEnv = rejected && lastFromEnv;
    if (justRejectedEnv) envRejected = true;
    if (fromEnv !== undefined && !envRejected) {
      lastFromEnv = true;
      return fromEnv;
    }
    lastFromEnv = false;
    const ask = sources.relay === undefined ? 'Tor control password: ' : `Tor control password for ${sanitizeLine(sources.relay).slice(0, 60)}: `;
    const question = justRejectedEnv ? `tor rejected ORTOP_PASSWORD. ${ask}` : rejected ? `Password rejected. ${ask}` : ask;
    const screen = sources.screen();
    if (screen !== undefined) return promptOnScreen(screen, question, { censor: true });
    if (sources.input.isTTY) return promptHidden(sources.input as ReadStream, sources.output, question);
    throw new ConfiguredPasswordRejected();
  };
}
