// Relays named in ortop's config file, against real tors: a password file used when it is 0600 and
// refused (with the fix) when others may read it; a relay that does not answer at start-up is
// shown as disconnected, keeps trying, and attaches by itself once its tor is up.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { attachAll } from '../../src/app/shell/attach-relays.js';
import { pollUntil } from '../helpers/poll-until.js';
import { startTor, stopAllTor } from '../helpers/tor-process.js';
import { describeWithTor } from '../helpers/tor-required.js';

const run = promisify(execFile);
const CLI = new URL('../../dist/cli.js', import.meta.url).pathname;

describeWithTor('relays from the config file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ortop-cfg-relays-'));
  const env = { PATH: process.env.PATH, HOME: dir, LANG: 'C.UTF-8', TERM: 'xterm-256color', XDG_CONFIG_HOME: join(dir, 'cfg'), XDG_STATE_HOME: join(dir, 's'), XDG_CACHE_HOME: join(dir, 'c') };
  afterAll(async () => {
    await stopAllTor();
    rmSync(dir, { recursive: true, force: true });
  });

  it('attaches each with its own name and password file; a readable file is refused and a dead port is shown disconnected', async () => {
    const tor = await startTor({ auth: 'password', password: 'fleet-s3cret', relay: { nickname: 'cfgRelay' } });
    const good = join(dir, 'alpha.pass');
    writeFileSync(good, 'fleet-s3cret\n');
    chmodSync(good, 0o600);
    const loose = join(dir, 'gamma.pass');
    writeFileSync(loose, 'fleet-s3cret\n');
    chmodSync(loose, 0o644);
    const config = join(dir, 'ortop.conf');
    writeFileSync(
      config,
      [
        `relay alpha 127.0.0.1:${tor.controlPort} password_file=${good}`,
        'relay bravo 127.0.0.1:9', // nothing listens on the discard port here
        `relay gamma ${tor.controlPort} password_file=${loose}`,
        'relay delta 70000',
      ].join('\n'),
    );
    const { stdout, stderr } = await run(process.execPath, [CLI, '-c', config, '--snapshot', '--page', 'relays', '--size', '160x20', '--wait', '1'], { env, timeout: 30_000 });
    // Attached (a tor with DisableNetwork 1 stays at bootstrapping 0%).
    expect(stdout).toMatch(/^alpha +(connected|bootstrapping)/m);
    expect(stdout).toContain('cfgRelay');
    expect(stdout).toMatch(/^bravo +disconnected/m);
    expect(stdout).toMatch(/^gamma +password needed/m);
    expect(stdout).not.toMatch(/^delta/m);
    expect(stdout).toMatch(/^Relays \(3, as listed\): 1 (connected|bootstrapping), 1 password needed, 1 disconnected$/m);
    expect(stderr).toContain(`relay delta: port 70000 is out of range (1-65535); left out`);
    expect(stderr).toContain(`gamma: password file ${loose}: others may read it (mode 0644); chmod 600 ${loose}; it is not used`);
    expect(stderr).toContain('not attached yet, retrying: bravo (127.0.0.1:9)');
    // The password never reaches the output.
    expect(stdout + stderr).not.toContain('fleet-s3cret');
  }, 60_000);

  it('keeps trying a relay whose tor is down at start-up, and attaches it once tor is up', async () => {
    const up = await startTor({ relay: { nickname: 'cfgUp' } });
    const later = await startTor({ relay: { nickname: 'cfgLater' } });
    await later.kill('SIGTERM');
    const targets = [
      { name: 'up', targets: [{ kind: 'tcp' as const, host: '127.0.0.1', port: up.controlPort }] },
      { name: 'later', targets: [{ kind: 'tcp' as const, host: '127.0.0.1', port: later.controlPort }] },
    ];
    const { relays, unreachable } = await attachAll(targets, () => undefined);
    try {
      expect(relays.map((r) => r.name)).toEqual(['up', 'later']);
      expect(unreachable).toEqual([expect.stringMatching(new RegExp(`^later \\(127\\.0\\.0\\.1:${later.controlPort}\\): `))]);
      const waiting = relays[1]!.controller;
      expect(waiting.state).not.toBe('connected');
      await later.restart();
      await pollUntil('the relay that was down attaches by itself', () => waiting.state === 'connected', 20_000);
      expect((await waiting.getInfo(['config/names'])).size).toBe(1);
    } finally {
      relays.forEach((r) => r.controller.close());
    }
  }, 60_000);
});
