// Where each ask for the control password goes: ORTOP_PASSWORD until tor rejects it, the terminal
// before the screen is up, the screen's bottom line after (never echoed), saying why it asks again.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfiguredPasswordRejected, controlPasswordProvider } from '../../src/app/shell/password-prompt.js';
import { createFakeTerminal, gridText, readGrid, type FakeTerminal } from '../../src/terminal/index.js';

const terms: FakeTerminal[] = [];
afterEach(async () => {
  for (const t of terms.splice(0)) await t.destroy();
});

function tty(isTTY: boolean): NodeJS.ReadStream {
  return Object.assign(new PassThrough(), { isTTY }) as unknown as NodeJS.ReadStream;
}

function screenTerm(): FakeTerminal {
  const term = createFakeTerminal({ cols: 80, rows: 10 });
  terms.push(term);
  return term;
}

const ask = { address: '127.0.0.1:9051', rejected: false };
const rejected = { ...ask, rejected: true };
const bottomLine = (term: FakeTerminal) => gridText(readGrid(term.screen)).split('\n').at(-1);

/** Types once the prompt listens (the textbox takes keys from the next tick on). */
async function answer(term: FakeTerminal, keys: string): Promise<void> {
  await term.settle();
  term.type(keys);
}

describe('controlPasswordProvider', () => {
  it('is undefined without ORTOP_PASSWORD and without a terminal', () => {
    expect(controlPasswordProvider({ env: {}, input: tty(false), output: new PassThrough(), screen: () => undefined })).toBeUndefined();
    expect(controlPasswordProvider({ env: { ORTOP_PASSWORD: '' }, input: tty(false), output: new PassThrough(), screen: () => undefined })).toBeUndefined();
  });

  it('gives ORTOP_PASSWORD until tor rejects it, then asks on the screen saying so, and never offers it again', async () => {
    const term = screenTerm();
    const provider = controlPasswordProvider({ env: { ORTOP_PASSWORD: 'from env' }, input: tty(false), output: new PassThrough(), screen: () => term.screen })!;
    expect(await provider(ask)).toBe('from env');
    expect(await provider(ask)).toBe('from env');
    const typed = provider(rejected);
    expect(bottomLine(term)).toBe('tor rejected ORTOP_PASSWORD. Tor control password:');
    await answer(term, 'typed\r');
    expect(await typed).toBe('typed');
    const again = provider(ask);
    expect(bottomLine(term)).toBe('Tor control password:');
    await answer(term, 'x\r');
    expect(await again).toBe('x');
    const wrong = provider(rejected);
    expect(bottomLine(term)).toBe('Password rejected. Tor control password:');
    await answer(term, 'y\r');
    expect(await wrong).toBe('y');
    expect(term.bytes()).not.toMatch(/typed/);
  });

  it('without a screen or terminal, a rejected ORTOP_PASSWORD ends the asking with a clear error', async () => {
    const provider = controlPasswordProvider({ env: { ORTOP_PASSWORD: 'from env' }, input: tty(false), output: new PassThrough(), screen: () => undefined })!;
    expect(await provider(ask)).toBe('from env');
    await expect(provider(rejected)).rejects.toBeInstanceOf(ConfiguredPasswordRejected);
  });

  it('asks on the terminal (no echo) before the screen is up', async () => {
    const input = Object.assign(new PassThrough(), { isTTY: true, isRaw: false, setRawMode: () => input }) as unknown as NodeJS.ReadStream & PassThrough;
    const output = new PassThrough();
    let shown = '';
    output.on('data', (b: Buffer) => (shown += b.toString()));
    const provider = controlPasswordProvider({ env: {}, input, output, screen: () => undefined })!;
    const answer = provider(rejected);
    input.write('pw\r');
    expect(await answer).toBe('pw');
    expect(shown).toBe('Password rejected. Tor control password: \n');
  });
});
