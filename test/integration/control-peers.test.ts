// Which program holds a control connection, against a real tor: a controller named "nyx" (a script
// run by node, as Nyx is run by python) connects to tor's control port; tor's socket table names it
// "nyx" with its pid, as Nyx itself would show.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { realSocketFs, readTorSocketTable } from '../../src/system/sockets/index.js';
import { startTor } from '../helpers/tor-process.js';
import { describeWithTor } from '../helpers/tor-required.js';

const children: ChildProcess[] = [];
let dir: string | undefined;
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describeWithTor('control connections name their program', () => {
  it('a local controller is "nyx" with its pid', async () => {
    const tor = await startTor({ auth: 'none' });
    dir = await mkdtemp(join(tmpdir(), 'ortop-peer-'));
    const script = join(dir, 'nyx');
    await writeFile(script, "const s = require('net').connect(Number(process.argv[2]), '127.0.0.1', () => { console.log('up'); s.write('AUTHENTICATE\\r\\n'); });\nsetTimeout(() => {}, 60000);\n");
    const child = spawn(process.execPath, [script, String(tor.controlPort)], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.stdout!.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`controller exited with ${code}`)));
    });
    const isTorListener = (address: string, port: number) => address === '127.0.0.1' && port === tor.controlPort;
    let named: string | undefined;
    for (let i = 0; i < 50 && named === undefined; i++) {
      const table = await readTorSocketTable({ fs: realSocketFs, pid: tor.pid, uid: undefined, isTorListener });
      if (table.kind !== 'sockets') throw new Error(`socket table: ${table.reason}`);
      const peer = [...(table.peers?.values() ?? [])].find((p) => p.pid === child.pid);
      if (peer !== undefined) named = `${peer.name} (${peer.pid})`;
      else await new Promise((r) => setTimeout(r, 100));
    }
    expect(named).toBe(`nyx (${child.pid})`);
  });
});
