// Debian's tor-instances layout: NAME/control sockets are found by name, anything else is not a
// control port, and /var/run -> /run is one place, not two.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findTorInstances, instanceDirs, TOR_INSTANCE_DIRS } from '../../src/transport/index.js';

let servers: Server[] = [];
let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  servers = [];
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function listen(path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(path, () => resolve());
    servers.push(s);
  });
}

describe('findTorInstances', () => {
  it('finds each NAME/control socket by name, skipping files, empty directories and dot-directories', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ortop-instances-'));
    dirs.push(root);
    for (const name of ['relay-b', 'relay-a', 'not-a-socket', 'empty', '.hidden']) mkdirSync(join(root, name));
    await listen(join(root, 'relay-b', 'control'));
    await listen(join(root, 'relay-a', 'control'));
    await listen(join(root, '.hidden', 'control'));
    writeFileSync(join(root, 'not-a-socket', 'control'), 'x');
    writeFileSync(join(root, 'stray-file'), 'x');
    const found = findTorInstances([root]);
    expect(found).toEqual([
      { name: 'relay-a', target: { kind: 'unix', path: join(root, 'relay-a', 'control') } },
      { name: 'relay-b', target: { kind: 'unix', path: join(root, 'relay-b', 'control') } },
    ]);
  });

  it('counts a directory reached twice (a /var/run -> /run symlink) once, and a missing directory as none', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ortop-instances-'));
    dirs.push(root);
    mkdirSync(join(root, 'run', 'tor-instances', 'one'), { recursive: true });
    await listen(join(root, 'run', 'tor-instances', 'one', 'control'));
    mkdirSync(join(root, 'var'));
    symlinkSync(join(root, 'run'), join(root, 'var', 'run'));
    const found = findTorInstances([join(root, 'run', 'tor-instances'), join(root, 'var', 'run', 'tor-instances'), join(root, 'nowhere')]);
    expect(found.map((i) => i.name)).toEqual(['one']);
  });

  it('looks where ORTOP_TOR_INSTANCES says, else in Debian’s directories', () => {
    expect(instanceDirs({ ORTOP_TOR_INSTANCES: '/a:/b' })).toEqual(['/a', '/b']);
    expect(instanceDirs({})).toEqual(TOR_INSTANCE_DIRS);
  });
});
