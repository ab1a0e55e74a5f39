// The fleet from the command line: --demo N attaches N simulated relays, --page relays prints the
// overview with one row each and a totals row, and a count out of range is a usage error.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = new URL('../../dist/cli.js', import.meta.url).pathname;
const env = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', TERM: 'xterm-256color' };

describe('ortop --demo N', () => {
  it('prints the Relays overview of three demo relays, one row each and the totals', async () => {
    const { stdout, stderr } = await run(process.execPath, [CLI, '--demo', '3', '--snapshot', '--page', 'relays', '--size', '120x20', '--wait', '1'], { env });
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^ortop relay 1\/3: demo 1 - /);
    expect(stdout).toContain('Relays (3, as listed): 3 connected');
    for (const name of ['demo 1', 'demo 2', 'demo 3']) expect(stdout).toMatch(new RegExp(`^${name} +connected`, 'm'));
    expect(stdout).toMatch(/^Total \(3\) +3\/3 connected/m);
    expect(stdout).toContain('page 0 / 6');
  });

  it('refuses --demo 0 and --demo 51 as usage errors, and --page relays for one relay', async () => {
    for (const n of ['0', '51', 'x']) {
      const e = await run(process.execPath, [CLI, '--demo', n, '--snapshot'], { env }).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(e?.code, n).toBe(2);
      expect(e?.stderr).toContain(`--demo ${n}: expected a number of relays from 1 to 50`);
    }
    const one = await run(process.execPath, [CLI, '--demo', '--snapshot', '--page', 'relays', '--wait', '0'], { env }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(one?.stderr).toContain('--page relays needs more than one relay');
    // --demo replaces tor: named control ports with it are a mistake, said rather than ignored.
    const mixed = await run(process.execPath, [CLI, '--demo', '2', '-i', '9051', '--snapshot'], { env }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(mixed?.code).toBe(2);
    expect(mixed?.stderr).toContain('--demo runs simulated relays instead of a real tor: leave out -i and -s, or --demo');
  });
});
