// --remote and locality decided again on every reconnect, against real tors: --remote reads nothing
// of a local tor; a relay's /proc reader turns remote when the same address comes back as a forward
// to another tor, local again when the tor itself returns, and a relay down at start-up is judged
// once it answers (src/app/session/tor-locality-gate.ts).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { attachAll, attachTarget } from '../../src/app/shell/attach-relays.js';
import { TorLocalityGate } from '../../src/app/session/tor-locality-gate.js';
import { pollUntil } from '../helpers/poll-until.js';
import { startTor } from '../helpers/tor-process.js';
import { describeWithTor } from '../helpers/tor-required.js';

const run = promisify(execFile);
const CLI = new URL('../../dist/cli.js', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'ortop-remote-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describeWithTor('--remote and locality on reconnect', () => {
  it('--remote: a tor on this machine is shown with nothing read from here', async () => {
    const tor = await startTor({ controlSocket: true });
    const args = ['-s', tor.controlSocket!, '--snapshot', '--size', '120x30', '--wait', '0.5'];
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8' };
    const local = await run(process.execPath, [CLI, ...args], { env });
    expect(local.stdout).toMatch(/cpu: \S+ tor, \S+ ortop +mem: /);
    const debug = join(scratch, 'remote.log');
    const remote = await run(process.execPath, [CLI, ...args, '--remote', '-d', debug], { env });
    expect(remote.stdout).toMatch(/cpu: \S+ ortop {2,}pid: /);
    expect(remote.stdout).not.toMatch(/ tor, /);
    expect(remote.stdout).toContain('ortop - remote');
    expect(remote.stdout).toContain('tor is not on this machine');
    expect(readFileSync(debug, 'utf8')).toContain('tor is treated as remote: treated as remote (--remote)');
    await tor.stop();
  });

  it('decided again on each reconnect: the same port as a forward to another tor is remote, the tor back is local', async () => {
    const [torA, torB] = await Promise.all([startTor(), startTor()]);
    const verdicts: string[] = [];
    const relay = await attachTarget({ name: 'a', targets: [{ kind: 'tcp', host: '127.0.0.1', port: torA.controlPort }] }, undefined, undefined, { log: (l) => verdicts.push(l) });
    const gate = relay.procFs;
    expect(gate).toBeInstanceOf(TorLocalityGate);
    if (!(gate instanceof TorLocalityGate)) return;
    expect(gate.isLocal).toBe(true);
    expect(await gate.readText(`/proc/${torA.pid}/comm`)).toBe('tor\n');

    // tor A goes; its port now forwards to tor B (an ssh -L, a container's published port…).
    const port = torA.controlPort;
    await torA.kill('SIGKILL');
    const forward = net.createServer((client) => {
      const upstream = net.connect(torB.controlPort, '127.0.0.1');
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => forward.listen(port, '127.0.0.1', resolve));
    try {
      await pollUntil('the verdict on the forwarded tor', () => verdicts.length >= 1, 20_000);
      expect(gate.isLocal).toBe(false);
      expect(verdicts[0]).toMatch(/^a: tor is treated as remote: .*not tor's own socket/);
      await expect(gate.readText(`/proc/${torB.pid}/comm`)).rejects.toMatchObject({ code: 'ENOTLOCAL' });
      await expect(gate.readLink(`/proc/${torB.pid}/exe`)).rejects.toMatchObject({ code: 'ENOTLOCAL' });
      await expect(gate.gateSs(async () => 'ss output')()).rejects.toMatchObject({ code: 'ENOTLOCAL' });
    } finally {
      forward.close();
    }
    // The forward's open connection to tor B outlives close(): reconnect, and keep trying until tor A is back.
    await torA.restart();
    relay.controller.reconnect().catch(() => {});
    await pollUntil('the verdict on tor A back', () => verdicts.length >= 2 && gate.isLocal, 30_000);
    expect(verdicts.at(-1)).toMatch(/^a: tor is on this machine: pid \d+ is tor/);
    expect(await gate.readText(`/proc/${torA.pid}/comm`)).toBe('tor\n');
    relay.controller.close();
    await Promise.all([torA.stop(), torB.stop()]);
  });

  it('a relay down at start-up is remote until its tor answers, then judged local from evidence', async () => {
    const [up, later] = await Promise.all([startTor(), startTor()]);
    await later.kill('SIGTERM');
    const verdicts: string[] = [];
    const { relays } = await attachAll(
      [
        { name: 'up', targets: [{ kind: 'tcp', host: '127.0.0.1', port: up.controlPort }] },
        { name: 'later', targets: [{ kind: 'tcp', host: '127.0.0.1', port: later.controlPort }] },
      ],
      () => undefined,
      { log: (l) => verdicts.push(l) },
    );
    try {
      const gate = relays[1]!.procFs;
      expect(gate).toBeInstanceOf(TorLocalityGate);
      if (!(gate instanceof TorLocalityGate)) return;
      expect(gate.isLocal).toBe(false);
      await later.restart();
      await pollUntil('the late relay judged', () => gate.isLocal, 30_000);
      expect(verdicts.find((v) => v.startsWith('later: '))).toMatch(/^later: tor is on this machine: pid \d+ is tor/);
      expect(await gate.readText(`/proc/${later.pid}/comm`)).toBe('tor\n');
    } finally {
      relays.forEach((r) => r.controller.close());
      await Promise.all([up.stop(), later.stop()]);
    }
  }, 60_000);
});
