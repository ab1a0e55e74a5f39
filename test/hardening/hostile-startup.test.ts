// A hostile control port on the start-up path, against the built CLI as users run it: escape
// sequences in tor's AUTHENTICATE error (a title, clear-screen, an OSC 52 clipboard write), in
// PROTOCOLINFO's method names and cookie path, thousands of methods, a 200 KB cookie path, a FIFO
// or /dev/zero or a NUL as the cookie. What ortop printed (stderr; a pty for the pre-TUI path) holds
// no control bytes, is capped, and replayed through @xterm/headless changes no title, clipboard or screen.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnInPty } from '../../bench/lib/pty-process.js';
import { MESSAGE_MAX_CHARS } from '../../src/terminal/index.js';
import { pollUntil } from '../helpers/poll-until.js';
import { controlBytesIn, protocolInfo, startScriptedPort, terminalEffects, type Answer, type ScriptedPort } from './scripted-port.js';

const CLI = new URL('../../dist/cli.js', import.meta.url).pathname;
const ENV = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', TERM: 'xterm-256color' };

/** The payload of the report: set the title, clear the screen, write the clipboard. */
const HOSTILE = '\x1b]2;pwned\x07\x1b[2J\x1b]52;c;ZXZpbA==\x07';

let ports: ScriptedPort[] = [];
afterEach(async () => {
  await Promise.all(ports.map((p) => p.close()));
  ports = [];
});

async function port(answer: (command: string) => Answer): Promise<number> {
  const p = await startScriptedPort(answer);
  ports.push(p);
  return p.port;
}

/** PROTOCOLINFO with this AUTH line; AUTHENTICATE refused with tor's 515 carrying the payload. */
const hostileTor = (auth: string) => (command: string): Answer => {
  if (command.startsWith('PROTOCOLINFO')) return { reply: protocolInfo(auth) };
  if (command.startsWith('AUTHENTICATE')) return { reply: `515 Authentication failed: ${HOSTILE}\r\n`, close: true };
  return undefined;
};

interface Run {
  readonly code: number | null;
  readonly stdout: Buffer;
  readonly stderr: Buffer;
}

/** The CLI with pipes for stdin/stdout/stderr (no terminal), killed after 15 s if it hangs. */
function ortop(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: ENV, encoding: 'buffer', timeout: 15_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr });
    });
  });
}

/** Checks every property the report asks for of bytes ortop wrote to a terminal or stderr. */
async function expectHarmless(bytes: Buffer, maxLines = 1): Promise<void> {
  expect(controlBytesIn(bytes)).toEqual([]);
  const lines = bytes.toString('utf8').replace(/\n$/, '').split('\n');
  expect(lines.length).toBeLessThanOrEqual(maxLines);
  for (const line of lines) expect(line.length).toBeLessThanOrEqual(MESSAGE_MAX_CHARS + 'ortop: '.length + 30);
  const effects = await terminalEffects(bytes);
  expect(effects.titles).toEqual([]);
  expect(effects.clipboard).toEqual([]);
  expect(effects.sentinelKept).toBe(true);
}

describe('a hostile control port before the TUI starts (the built CLI)', () => {
  it('the checks catch the payload when it is written raw', async () => {
    const raw = Buffer.from(`ortop: tor refused authentication: 515 Authentication failed: ${HOSTILE}\n`, 'latin1');
    expect(controlBytesIn(raw)).toEqual(['ESC', 'BEL']);
    const effects = await terminalEffects(raw);
    expect(effects.titles).toEqual(['pwned']);
    expect(effects.clipboard).toEqual(['c;ZXZpbA==']);
    expect(effects.sentinelKept).toBe(false);
    expect(controlBytesIn(Buffer.from('x\x9b2J\u202e', 'latin1'))).toEqual(['invalid UTF-8']);
    expect(controlBytesIn(Buffer.from('x\u009b2J\u202e', 'utf8'))).toEqual(['C1', 'bidi override']);
  });

  it('an AUTHENTICATE error with a title, clear-screen and clipboard write: one harmless line on stderr', async () => {
    const p = await port(hostileTor('METHODS=NULL'));
    const run = await ortop(['-i', String(p), '--snapshot', '--wait', '0']);
    expect(run.code).toBe(1);
    expect(run.stdout.length).toBe(0);
    await expectHarmless(run.stderr);
    expect(run.stderr.toString()).toMatch(/^ortop: tor at 127\.0\.0\.1:\d+ refused authentication: 515 Authentication failed: /);
    // The payload is shown as text (escaped), so a user can see what tor sent.
    expect(run.stderr.toString()).toContain('\\x1b]2;pwned\\x07');
  });

  it('the same error at a terminal (no --snapshot): what reaches the terminal changes nothing', async () => {
    const p = await port(hostileTor('METHODS=NULL'));
    const pty = spawnInPty(process.execPath, [CLI, '-i', String(p)], { cols: 200, rows: 50, env: ENV });
    const chunks: Buffer[] = [];
    pty.onChunk((c) => chunks.push(c.bytes));
    try {
      const exit = await pty.exited;
      expect(exit?.code).toBe(1);
    } finally {
      await pty.stop();
    }
    // The tty turned each \n into \r\n (ONLCR).
    const bytes = Buffer.from(Buffer.concat(chunks).toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
    await expectHarmless(bytes);
    expect(bytes.toString()).toContain('refused authentication');
  });

  it('hostile auth-method names, five thousand of them: escaped, listed up to a cap', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => `M${i}`).join(',');
    const p = await port(hostileTor(`METHODS=\x1b]2;pwned\x07EVIL,\x9b2J,\x1b]52;c;ZXZpbA==\x07,${many}`));
    const run = await ortop(['-i', String(p), '--snapshot', '--wait', '0']);
    expect(run.code).toBe(1);
    await expectHarmless(run.stderr);
    expect(run.stderr.toString()).toContain('no usable way to authenticate');
    expect(run.stderr.toString()).toMatch(/and \d+ more; we have NULL/);
  });

  it('a 200 KB cookie path that starts with escape sequences: cut short, harmless, fast', async () => {
    const p = await port(hostileTor(`METHODS=COOKIE,SAFECOOKIE COOKIEFILE="/tmp/\\033]2;pwned\\007\\033[2J${'a'.repeat(200_000)}"`));
    const run = await ortop(['-i', String(p), '--snapshot', '--wait', '0']);
    expect(run.code).toBe(1);
    await expectHarmless(run.stderr);
    expect(run.stderr.length).toBeLessThan(2 * 1024);
    expect(run.stderr.toString()).toMatch(/cookie \/tmp\/\\x1b\]2;pwned\\x07\\x1b\[2Ja+… \(\d+ bytes cut\)/);
  });

  it('a NUL in the cookie path: says so, without the group hint', async () => {
    const p = await port(hostileTor('METHODS=COOKIE,SAFECOOKIE COOKIEFILE="/run/tor/control.authcookie\\000/etc/shadow"'));
    const run = await ortop(['-i', String(p), '--snapshot', '--wait', '0']);
    expect(run.code).toBe(1);
    await expectHarmless(run.stderr);
    expect(run.stderr.toString()).toContain('control.authcookie\\x00/etc/shadow: the path contains a NUL byte');
    expect(run.stderr.toString()).not.toMatch(/adduser|GroupReadable/);
  });
});

describe('a cookie file that is not a file (the built CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ortop-hostile-cookie-'));
  const fifo = join(dir, 'control_auth_cookie');
  execFileSync('mkfifo', [fifo]);

  it('a FIFO: --snapshot --wait 1 fails at once, saying it is a FIFO (it used to hang forever)', async () => {
    const p = await port(hostileTor(`METHODS=COOKIE,SAFECOOKIE COOKIEFILE="${fifo}"`));
    const run = await ortop(['-i', String(p), '--snapshot', '--wait', '1']);
    expect(run.code, 'killed by the 15 s timeout: it hung').toBe(1);
    expect(run.stderr.toString()).toBe(
      `ortop: cannot read tor's authentication cookie ${fifo}: it is not a regular file (a FIFO). ` +
        'A tor cookie is a 32-byte regular file: check CookieAuthFile in the torrc, and which tor owns this control port.\n',
    );
  });

  it('a FIFO at a terminal: the error comes before any screen (no blank TUI)', async () => {
    const p = await port(hostileTor(`METHODS=COOKIE,SAFECOOKIE COOKIEFILE="${fifo}"`));
    const pty = spawnInPty(process.execPath, [CLI, '-i', String(p)], { cols: 120, rows: 40, env: ENV });
    let out = '';
    pty.onChunk((c) => (out += c.bytes.toString('utf8')));
    let exited = false;
    void pty.exited.then(() => (exited = true));
    try {
      await pollUntil('ortop to exit (it used to show a blank screen)', () => exited, 10_000);
      expect((await pty.exited)?.code).toBe(1);
    } finally {
      await pty.stop();
    }
    expect(out).toContain('it is not a regular file (a FIFO)');
    expect(out).not.toContain('\x1b[?1049h'); // the alternate screen was never entered
  });

  it.each([
    ['/dev/zero', '/dev/zero', 'it is not a regular file (a character device)'],
    ['a directory', dir, 'it is a directory'],
  ])('%s: says what it is, without the group hint', async (_name, file, problem) => {
    const p = await port(hostileTor(`METHODS=COOKIE,SAFECOOKIE COOKIEFILE="${file}"`));
    const run = await ortop(['-i', String(p), '--snapshot', '--wait', '0']);
    expect(run.code).toBe(1);
    expect(run.stderr.toString()).toContain(`${file}: ${problem}.`);
    expect(run.stderr.toString()).not.toMatch(/adduser|GroupReadable/);
  });
});
