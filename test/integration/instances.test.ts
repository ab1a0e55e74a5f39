// Debian's multi-instance layout: two tors with their ControlSockets at <dir>/NAME/control (as
// tor-instance-create makes them under /run/tor-instances). Without -i/-s, ortop finds both and
// watches them as two relays named after their instances; the header says which one is shown.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { findTorInstances } from '../../src/transport/index.js';
import { startTor, stopAllTor } from '../helpers/tor-process.js';
import { describeWithTor } from '../helpers/tor-required.js';

const run = promisify(execFile);
const CLI = new URL('../../dist/cli.js', import.meta.url).pathname;

describeWithTor('tor-instances discovery', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ortop-inst-'));
  afterAll(async () => {
    await stopAllTor();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds two instances by their control sockets and shows each as its own relay', async () => {
    for (const name of ['alpha', 'bravo']) {
      mkdirSync(join(dir, name), { mode: 0o700 });
      chmodSync(join(dir, name), 0o700);
      await startTor({ relay: { nickname: `inst${name}` }, torrc: [`ControlSocket ${join(dir, name, 'control')}`] });
    }
    expect(findTorInstances([dir]).map((i) => i.name)).toEqual(['alpha', 'bravo']);
    const env = { PATH: process.env.PATH, HOME: dir, LANG: 'C.UTF-8', TERM: 'xterm-256color', ORTOP_TOR_INSTANCES: dir, XDG_STATE_HOME: join(dir, 's'), XDG_CACHE_HOME: join(dir, 'c') };
    const { stdout, stderr } = await run(process.execPath, [CLI, '--snapshot', '--size', '120x20', '--wait', '1'], { env, timeout: 30_000 });
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^ortop relay 1\/2: alpha - /);
    expect(stdout).toContain('instalpha');
    expect(stdout).toContain(`Control Socket: ${join(dir, 'alpha', 'control')}`);
    // Each instance was judged from evidence to run here: its process figures are shown.
    expect(stdout).toMatch(/pid: \d+/);
  }, 60_000);

  it('--instances adds every instance to the relays named with -i; none found is a failure that says where it looked', async () => {
    const third = await startTor({ relay: { nickname: 'instThird' } });
    const env = { PATH: process.env.PATH, HOME: dir, LANG: 'C.UTF-8', TERM: 'xterm-256color', ORTOP_TOR_INSTANCES: dir, XDG_STATE_HOME: join(dir, 's'), XDG_CACHE_HOME: join(dir, 'c') };
    const { stdout } = await run(process.execPath, [CLI, '-c', '/dev/null', '-i', String(third.controlPort), '--instances', '--snapshot', '--page', 'relays', '--size', '160x20', '--wait', '1'], { env, timeout: 30_000 });
    expect(stdout).toMatch(/^Relays \(3, as listed\)/m);
    for (const name of ['alpha', 'bravo']) expect(stdout).toMatch(new RegExp(`^${name} `, 'm'));
    const empty = mkdtempSync(join(tmpdir(), 'ortop-inst-none-'));
    const none = await run(process.execPath, [CLI, '-c', '/dev/null', '--instances', '--snapshot'], { env: { ...env, ORTOP_TOR_INSTANCES: empty }, timeout: 30_000 }).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(none?.code).toBe(1);
    expect(none?.stderr).toContain(`--instances: no tor instance found (looked for NAME/control sockets in ${empty})`);
  }, 60_000);
});
