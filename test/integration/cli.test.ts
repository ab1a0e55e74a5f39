// The built CLI (plain node, as users run it) against a real tor: --snapshot prints the frame the
// TUI would draw and exits 0; failures to connect or authenticate exit non-zero with one line.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { spawnInPty } from '../../bench/lib/pty-process.js';
import { pollUntil } from '../helpers/poll-until.js';
import { startTor } from '../helpers/tor-process.js';
import { describeWithTor } from '../helpers/tor-required.js';

const run = promisify(execFile);
const CLI = new URL('../../dist/cli.js', import.meta.url).pathname;

async function ortop(args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', ...env }, timeout: 20_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describeWithTor('ortop CLI against a real tor', () => {
  it('prints a snapshot of the header with what tor reports, for every page and format', async () => {
    const tor = await startTor({ auth: 'cookie', relay: { nickname: 'ortopSnap' } });
    const text = await ortop(['-i', String(tor.controlPort), '--snapshot', '--size', '100x30', '--wait', '0.5']);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    const lines = text.stdout.replace(/\n$/, '').split('\n');
    expect(lines).toHaveLength(30);
    expect(text.stdout).toContain('Tor 0.4.9');
    expect(text.stdout).toContain(`pid: ${tor.pid}`);
    expect(text.stdout).toContain('Control Port (safecookie)');
    expect(text.stdout).toMatch(/fingerprint: [0-9A-F]{40}/);
    expect(text.stdout).toContain('page 1 / 6');
    for (const page of ['connections', 'config', 'torrc', 'interpreter']) {
      const out = await ortop(['-i', `127.0.0.1:${tor.controlPort}`, '--snapshot', 'text', '--page', page, '--wait', '0']);
      expect(out.code).toBe(0);
      expect(out.stdout).toMatch(/page \d \/ 6/);
    }
    const ansi = await ortop(['-i', String(tor.controlPort), '--snapshot', 'ansi', '--wait', '0']);
    expect(ansi.stdout).toMatch(/\x1b\[0;[0-9;]*m/);
    const svg = await ortop(['-i', String(tor.controlPort), '--snapshot', 'svg', '--wait', '0'], { TERM: 'screen-256color' });
    expect(svg.stdout.startsWith('<svg')).toBe(true);
    expect(svg.stderr).toBe('');
  });

  it('authenticates with ORTOP_PASSWORD and refuses a wrong one in one line', async () => {
    const tor = await startTor({ auth: 'password' });
    const ok = await ortop(['-i', String(tor.controlPort), '--snapshot', '--wait', '0'], { ORTOP_PASSWORD: tor.password });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Control Port (password)');
    const bad = await ortop(['-i', String(tor.controlPort), '--snapshot', '--wait', '0'], { ORTOP_PASSWORD: 'wrong' });
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^ortop: .*rejected the password.*HashedControlPassword/);
    const none = await ortop(['-i', String(tor.controlPort), '--snapshot', '--wait', '0']);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/needs its control password/);
  });

  it('at a terminal, asks again after a mistyped password (three tries, no echo) and then runs', async () => {
    const tor = await startTor({ auth: 'password' });
    const pty = spawnInPty(process.execPath, [CLI, '-i', String(tor.controlPort), '--snapshot', '--wait', '0'], {
      cols: 100,
      rows: 30,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', TERM: 'xterm-256color' },
    });
    let out = '';
    pty.onChunk((c) => (out += c.bytes.toString('utf8')));
    try {
      await pollUntil('the first prompt', () => out.includes('Tor control password:'), 10_000);
      pty.write('not-it\r');
      await pollUntil('the second prompt', () => out.includes('Password rejected. Tor control password:'), 10_000);
      pty.write(`${tor.password}\r`);
      const exit = await pty.exited;
      expect(exit?.code).toBe(0);
      expect(out).toContain('Control Port (password)');
      expect(out).not.toContain('not-it');
      expect(out).not.toContain(tor.password);
    } finally {
      await pty.stop();
    }
  });

  it('at a terminal, gives up after three wrong passwords with tor\'s refusal', async () => {
    const tor = await startTor({ auth: 'password' });
    const pty = spawnInPty(process.execPath, [CLI, '-i', String(tor.controlPort), '--snapshot', '--wait', '0'], {
      cols: 100,
      rows: 30,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', TERM: 'xterm-256color' },
    });
    let out = '';
    pty.onChunk((c) => (out += c.bytes.toString('utf8')));
    try {
      for (let i = 1; i <= 3; i++) {
        await pollUntil(`prompt ${i}`, () => out.split('control password:').length > i, 10_000);
        pty.write(`wrong${i}\r`);
      }
      const exit = await pty.exited;
      expect(exit?.code).toBe(1);
      expect(out).toMatch(/rejected the password/);
      expect(out.split('control password:')).toHaveLength(4);
    } finally {
      await pty.stop();
    }
  });

  it('says what it tried when nothing listens, and how to try the demo', async () => {
    const tor = await startTor({ auth: 'cookie' });
    const port = tor.controlPort;
    await tor.stop();
    const out = await ortop(['-i', String(port), '--snapshot', '--wait', '0']);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`127.0.0.1:${port}`);
    expect(out.stderr).toContain('ortop --demo');
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('rejects bad flags with a pointer to --help', async () => {
    const out = await ortop(['-i', 'nonsense:port', '--snapshot']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^ortop: .*see ortop --help/);
  });
});
