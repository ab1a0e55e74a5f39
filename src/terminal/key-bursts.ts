// Where each key came from: which chunk of terminal input it arrived in (a "burst": a paste or keys
// typed ahead arrive together, a key pressed arrives alone), and whether the terminal marked it as
// pasted (bracketed paste, ESC[200~ … ESC[201~). Listens to the input stream ahead of blessed; must
// not consume, reorder or change any byte.
import type { EventEmitter } from 'node:events';

export interface KeyOrigin {
  /** Number of the input chunk the key arrived in (increases by one per chunk). */
  readonly burst: number;
  /** The chunk held this one key and nothing else: a key pressed, not pasted or typed ahead. */
  readonly alone: boolean;
  /** Between the terminal's paste brackets. */
  readonly pasted: boolean;
}

/** Terminal modes: ask the terminal to bracket pastes, and stop asking. */
export const BRACKETED_PASTE_ON = '\x1b[?2004h';
export const BRACKETED_PASTE_OFF = '\x1b[?2004l';
const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

export interface KeyBursts {
  /** The origin of the key being dispatched now (valid inside a keypress handler). */
  current(): KeyOrigin;
  dispose(): void;
}

// One key: a character (one code point), Esc or Alt-Esc, or one escape sequence (CSI, SS3, Alt-key).
const ONE_ESCAPE_KEY = /^\x1b{1,2}(?:\[[\d;?]*[\x40-\x7e]|O[\x40-\x7e]|\[\[[A-E]|[^\x1b])?$/;

/** True when the chunk is exactly one key. */
export function isOneKey(chunk: string): boolean {
  if (chunk === '') return false;
  if (chunk.charCodeAt(0) === 0x1b) return ONE_ESCAPE_KEY.test(chunk);
  const first = chunk.codePointAt(0)!;
  return chunk.length === (first > 0xffff ? 2 : 1);
}

type KeyStream = EventEmitter & { prependListener: EventEmitter['prependListener'] };

/** Starts watching `input` (the stream blessed reads keys from). */
export function trackKeyBursts(input: KeyStream): KeyBursts {
  let burst = 0;
  let alone = false;
  let pasted = false;
  const onData = (data: Buffer | string) => {
    burst++;
    alone = isOneKey(typeof data === 'string' ? data : data.toString('utf8'));
  };
  // blessed drops the bracket sequences (it has no name for them): see them on the raw keypress.
  const onKeypress = (_ch: unknown, key: { sequence?: string } | undefined) => {
    if (key?.sequence === PASTE_START) pasted = true;
    else if (key?.sequence === PASTE_END) pasted = false;
  };
  input.prependListener('data', onData);
  input.prependListener('keypress', onKeypress);
  return {
    current: () => ({ burst, alone, pasted }),
    dispose() {
      input.removeListener('data', onData);
      input.removeListener('keypress', onKeypress);
    },
  };
}
