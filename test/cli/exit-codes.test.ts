// Exit codes: 2 for every usage error (commander's own parse errors too, which exit 1 by default),
// 1 for runtime failures, 0 for --help and --version; each usage error is one "ortop: … (see ortop
// --help)" line. Checked on the built CLI, and on runCli with the run injected.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_FAILURE, EXIT_STATUS, EXIT_USAGE, runCli, type ProgramHooks } from '../../src/cli-program.js';

const CLI = new URL('../../dist/cli.js', import.meta.url).pathname;
const ENV = { PATH: process.env.PATH, HOME: '/nonexistent-ortop-home', LANG: 'C.UTF-8' };
const ortop = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { env: ENV, encoding: 'utf8', timeout: 20_000 });

describe('the built CLI', () => {
  it.each([
    [['--frob'], /^ortop: unknown option '--frob' \(see ortop --help\)\n$/],
    [['--demp'], /^ortop: unknown option '--demp' \(Did you mean --demo\?\) \(see ortop --help\)\n$/],
    [['-i'], /^ortop: option '-i, --interface <\[address:\]port>' argument missing \(see ortop --help\)\n$/],
    [['--demo', '--snapshot', 'pdf'], /^ortop: option '--snapshot \[format\]' argument 'pdf' is invalid\. Allowed choices are text, ansi, svg, json\. \(see ortop --help\)\n$/],
    [['--page', 'nope'], /^ortop: option '--page <name>' argument 'nope' is invalid\..*\(see ortop --help\)\n$/],
    [['9051'], /^ortop: too many arguments\..*\(see ortop --help\)\n$/],
    [['--demo', '--snapshot', '--wait', 'soon'], /^ortop: --wait soon: expected seconds from 0 to 3600 \(see ortop --help\)\n$/],
    [['-i', 'nonsense:port', '--snapshot'], /^ortop: .*\(see ortop --help\)\n$/],
    [['--replay', 'x.jsonl', '--demo', '--snapshot'], /^ortop: --replay cannot be combined with --demo or --record \(see ortop --help\)\n$/],
  ])('usage error %j: exit 2, one line, nothing on stdout', (args, stderr) => {
    const r = ortop(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(stderr);
  });

  it('runtime failures exit 1: nothing listening, a recording that is not there', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = server.address() as { port: number };
        server.close(() => resolve(p));
      });
    });
    const closed = ortop('-i', `127.0.0.1:${port}`, '--snapshot', '-c', '/dev/null');
    expect(closed.status).toBe(1);
    expect(closed.stderr).toMatch(new RegExp(`^ortop: nothing is listening on 127\\.0\\.0\\.1:${port}`));
    const replay = ortop('--replay', join('/nonexistent-ortop-test', 'session.jsonl'), '--snapshot', '-c', '/dev/null');
    expect(replay.status).toBe(1);
    expect(replay.stderr).toMatch(/^ortop: .*session\.jsonl/);
  });

  it('--help and --version exit 0; --help ends with the exit status', () => {
    const help = ortop('--help');
    expect(help.status).toBe(0);
    expect(help.stderr).toBe('');
    const status = help.stdout.slice(help.stdout.indexOf('\nExit status:\n'));
    expect(status).toMatch(/^\nExit status:\n {2}0 {2}success.*\n(?: {5}.*\n)* {2}1 {2}a runtime failure.*\n(?: {5}.*\n)* {2}2 {2}a usage error/);
    expect(Math.max(...help.stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(ortop('--version')).toMatchObject({ status: 0, stderr: '', stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
  });
});

describe('runCli', () => {
  const hooks = (run: ProgramHooks['run']) => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, hooks: { run, writeOut: (t: string) => out.push(t), writeErr: (t: string) => err.push(t) } };
  };
  const argv = (...args: string[]) => ['node', 'ortop', ...args];

  it("returns the run's own exit code, and 2 for commander's errors without running", async () => {
    let ran = 0;
    const h = hooks(async () => (ran++, EXIT_FAILURE));
    expect(await runCli(argv('--demo'), h.hooks)).toBe(1);
    expect(await runCli(argv('--nope'), h.hooks)).toBe(EXIT_USAGE);
    expect(await runCli(argv('--page'), h.hooks)).toBe(EXIT_USAGE);
    expect(ran).toBe(1);
    expect(h.err).toEqual(["ortop: unknown option '--nope' (see ortop --help)\n", "ortop: option '--page <name>' argument missing (see ortop --help)\n"]);
    expect(await runCli(argv('-h'), h.hooks)).toBe(0);
    expect(h.out.join('')).toContain('Exit status:');
  });

  it('a failure inside the run is not mistaken for a usage error', async () => {
    const h = hooks(async () => {
      throw new Error('bug');
    });
    await expect(runCli(argv('--demo'), h.hooks)).rejects.toThrow('bug');
  });

  it('the exit status table says 2 is a usage error and 1 a runtime failure', () => {
    expect(EXIT_STATUS.map((s) => s.code)).toEqual([0, 1, 2]);
    expect(EXIT_STATUS.find((s) => s.code === EXIT_USAGE)?.meaning).toMatch(/^a usage error/);
    expect(EXIT_STATUS.find((s) => s.code === EXIT_FAILURE)?.meaning).toMatch(/^a runtime failure/);
  });
});
