import { PassThrough } from 'node:stream';
import type { ReadStream } from 'node:tty';
import { describe, expect, it } from 'vitest';
import { passwordFromEnvOrPrompt, PromptCancelled, promptHidden } from '../../src/app/shell/password-prompt.js';

function fakeTty(): ReadStream & PassThrough {
  const s = new PassThrough() as unknown as ReadStream & PassThrough & { isRaw: boolean };
  s.isRaw = false;
  s.isTTY = true;
  s.setRawMode = (mode: boolean) => {
    s.isRaw = mode;
    return s;
  };
  return s;
}

describe('promptHidden', () => {
  it('reads the password without echoing it, with backspace editing', async () => {
    const input = fakeTty();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (b: Buffer) => (shown += b.toString()));
    const answer = promptHidden(input, output, 'Tor control password: ');
    expect(input.isRaw).toBe(true);
    input.write('sekrit');
    input.write('\u007fT ü\r');
    expect(await answer).toBe('sekriT ü');
    expect(shown).toBe('Tor control password: \n');
    expect(input.isRaw).toBe(false);
  });

  it('cancels on Ctrl-C', async () => {
    const input = fakeTty();
    const answer = promptHidden(input, new PassThrough(), '> ');
    input.write('ab\u0003');
    await expect(answer).rejects.toBeInstanceOf(PromptCancelled);
  });
});

describe('passwordFromEnvOrPrompt', () => {
  it('prefers ORTOP_PASSWORD, prompts on a TTY, gives up otherwise', async () => {
    const env = passwordFromEnvOrPrompt({ ORTOP_PASSWORD: 'from env' }, new PassThrough() as never, new PassThrough());
    expect(await env!()).toBe('from env');
    expect(passwordFromEnvOrPrompt({}, fakeTty() as never, new PassThrough())).toBeTypeOf('function');
    expect(passwordFromEnvOrPrompt({}, Object.assign(new PassThrough(), { isTTY: false }) as never, new PassThrough())).toBeUndefined();
  });
});
