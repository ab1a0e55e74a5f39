// A control port that names files it should not: config-file=/proc/self/environ, a file of another
// user, %include of /proc through a symbolic link, a Log file and a state file under /proc. ortop
// runs as root here, as it often does beside a relay: page 4, `--snapshot --page torrc` (what people
// paste into bug reports), the log backlog and the graph's state file must say why each is not
// shown, and never show its content. And no module of the app or the panels opens a file by itself:
// tor's paths go through src/system/tor-file.ts, ortop's own files through src/system (a source scan).
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { onCleanup, startApp, stopApps } from '../helpers/app-harness.js';
import { FakeTor } from '../helpers/fake-tor.js';
import { procFsWithTor } from '../helpers/tor-owner.js';

afterEach(async () => {
  await stopApps();
  vi.unstubAllEnvs();
});

const CANARY = 'CANARY-not-for-the-screen';
const NOBODY = 65534;
const AS_ROOT = process.getuid?.() === 0;
/** Something /proc/self/environ of any process here holds. */
const ENVIRON_TEXT = readFileSync('/proc/self/environ', 'latin1').split('\0').find((e) => e.startsWith('PATH='))!;

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ortop-named-'));
  chmodSync(dir, 0o755);
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function namingTor(info: Record<string, string>, conf: Record<string, string> = {}): FakeTor {
  return new FakeTor({
    address: '127.0.0.1:9051',
    info: { 'config/names': 'Nickname String\nLog LineList\nDataDirectory Filename', 'config/defaults': '', 'config-text': '', ...info },
    conf: { Nickname: 'x', SocksPort: '0', ...conf },
  });
}

async function torrcPage(tor: FakeTor, procFs = procFsWithTor()) {
  vi.stubEnv('ORTOP_TOR_MANUAL', '/nonexistent-ortop-test/tor.1');
  const h = await startApp({ tor, cols: 160, rows: 30, procFs });
  await h.type('4');
  await h.until('Validation:');
  return h;
}

describe('files a control port names', () => {
  it('config-file=/proc/self/environ: page 4 says why it is not shown, and shows none of it', async () => {
    const h = await torrcPage(namingTor({ 'config-file': '/proc/self/environ' }));
    await h.until('not shown');
    expect(h.text()).toMatch(/not shown: \/proc\/self\/environ: it is under \/proc \(it leads to \/proc\/\d+\/environ\), which is not where a torrc lives/);
    expect(h.text()).toContain('Validation: 1 file not read; no problems in the rest');
    expect(h.text()).not.toContain(ENVIRON_TEXT.slice(0, 12));
  });

  it("a torrc owned by another user than tor's or root is not shown", async () => {
    const dir = scratch();
    const path = join(dir, 'torrc');
    writeFileSync(path, `Nickname ${CANARY}\n`, { mode: 0o644 });
    // As root the file goes to nobody and tor is root; otherwise tor is nobody and the file ours.
    if (AS_ROOT) chownSync(path, NOBODY, NOBODY);
    const torUid = AS_ROOT ? 0 : NOBODY;
    const fileUid = AS_ROOT ? NOBODY : process.getuid!();
    const h = await torrcPage(namingTor({ 'config-file': path }), procFsWithTor(4242, { uid: torUid, gid: torUid }));
    await h.until('not shown');
    expect(h.text()).toContain(`not shown: ${path}: it belongs to uid ${fileUid}, neither tor's user (uid ${torUid}) nor root`);
    expect(h.text()).not.toContain(CANARY);
  });

  it('a file of root that tor\'s user may not read (say /etc/shadow, for a tor running as nobody) is not shown', async () => {
    const dir = scratch();
    const path = join(dir, 'shadow');
    writeFileSync(path, `root:${CANARY}:19000::::::\n`, { mode: 0o640 });
    const h = await torrcPage(namingTor({ 'config-file': path }), procFsWithTor(4242, { uid: NOBODY, gid: NOBODY }));
    if (!AS_ROOT) {
      // Not root: the file is ours, so it is refused as another user's.
      await h.until('not shown');
      expect(h.text()).toContain(`it belongs to uid ${process.getuid!()}`);
    } else {
      await h.until('not shown');
      expect(h.text()).toContain(`not shown: ${path}: tor's user (uid ${NOBODY}) may not read it (mode 0640, owner 0, group 0)`);
    }
    expect(h.text()).not.toContain(CANARY);
  });

  it('a real torrc is shown; its %include of /proc through a symbolic link is not', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'torrc.d'), { mode: 0o755 });
    symlinkSync('/proc/self/environ', join(dir, 'torrc.d', '50-env.conf'));
    writeFileSync(join(dir, 'torrc.d', '10-nick.conf'), 'Nickname fromInclude\n');
    writeFileSync(join(dir, 'torrc'), `SocksPort 0\n%include ${join(dir, 'torrc.d')}\n`);
    const h = await torrcPage(namingTor({ 'config-file': join(dir, 'torrc') }));
    await h.until('fromInclude');
    await h.until('not shown');
    expect(h.text()).toContain('1 SocksPort 0');
    expect(h.text()).toMatch(/not shown: .*50-env\.conf: it is under \/proc \(it leads to \/proc\/\d+\/environ\)/);
    expect(h.text()).not.toContain(ENVIRON_TEXT.slice(0, 12));
  });

  it("tor's log file and state file under /proc are not read either", async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'data'));
    symlinkSync('/proc/self/environ', join(dir, 'data', 'state'));
    const tor = namingTor({ 'config-file': '' }, { Log: 'notice file /proc/self/environ', DataDirectory: join(dir, 'data') });
    const h = await startApp({ tor, cols: 200, rows: 40, procFs: procFsWithTor() });
    await h.until('no backlog');
    expect(h.text()).toMatch(/no backlog: could not read tor's log file \/proc\/self\/environ: not shown: it is under \/proc/);
    await h.until('state file');
    expect(h.text()).toMatch(/state file .*data\/state is not readable: not shown: it is under \/proc \(it leads to \/proc\/\d+\/environ\)/);
  });
});

/** FakeTor on a real 127.0.0.1 port, for the built CLI. */
async function listen(tor: FakeTor): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    void tor.openTransport().then((t) => {
      socket.on('data', (b) => t.write(b));
      socket.on('close', () => t.close());
      t.onData((b) => socket.write(b));
      t.onClose(() => socket.end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('ortop --snapshot --page torrc', () => {
  it('shows none of /proc/self/environ named by a tor it cannot prove is local, and says why', async () => {
    // The "tor" reports this test process's pid: a process here, but not a tor holding the control
    // socket, so ortop treats it as remote (src/system/tor-locality.ts) and opens nothing it names.
    // The /proc rule for a tor that is local is tested above with FakeTor.
    const tor = namingTor({ 'config-file': '/proc/self/environ', 'process/pid': String(process.pid) });
    const port = await listen(tor);
    onCleanup(port.close);
    const home = scratch();
    const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
    const env = { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8', TERM: 'xterm-256color', XDG_CACHE_HOME: join(home, 'c'), XDG_STATE_HOME: join(home, 's'), ORTOP_TOR_MANUAL: '/nonexistent-ortop-test/tor.1' };
    const child = spawn(process.execPath, [cli, '-i', `127.0.0.1:${port.port}`, '--snapshot', '--page', 'torrc', '--wait', '1', '--size', '200x20'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('tor is not on this machine (demo relay, replay or a remote control port): its torrc (/proc/self/environ) cannot be read from here.');
    expect(out).not.toContain(ENVIRON_TEXT.slice(0, 12));
  });
});

const REPO = new URL('../../', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(join(REPO, dir)).flatMap((name) => {
    const rel = join(dir, name);
    return statSync(join(REPO, rel)).isDirectory() ? sources(rel) : rel.endsWith('.ts') ? [rel] : [];
  });
}

const READERS = /^(readFile|readFileSync|open|openSync|createReadStream|readdir|readdirSync|opendir|opendirSync|read|readSync|readlink|realpath)$/;

/** What a file takes from node:fs that reads a file or lists a directory (a namespace import counts). */
function readersImported(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/import\s+([^;]*?)\s+from\s+['"](?:node:)?fs(?:\/promises)?['"]/g)) {
    const clause = m[1]!;
    if (/\*\s+as|^\w+$/.test(clause.trim())) found.push(clause.trim());
    for (const name of /\{([^}]*)\}/.exec(clause)?.[1]?.split(',') ?? []) {
      const imported = name.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]!;
      if (READERS.test(imported)) found.push(imported);
    }
  }
  return found;
}

describe("tor's paths have one opener", () => {
  it('the scan sees a reader imported from node:fs', () => {
    expect(readersImported("import { readFile, stat } from 'node:fs/promises';")).toEqual(['readFile']);
    expect(readersImported("import { openSync as o } from 'fs';")).toEqual(['openSync']);
    expect(readersImported("import * as fs from 'node:fs';")).toEqual(['* as fs']);
    expect(readersImported("import { stat, type Stats, createWriteStream } from 'node:fs';")).toEqual([]);
  });

  it('no module in src/app or panels/ reads a file or lists a directory itself', () => {
    const found = [...sources('src/app'), ...sources('panels')].flatMap((f) => readersImported(readFileSync(join(REPO, f), 'utf8')).map((r) => `${f}: ${r}`));
    expect(found).toEqual([]);
  });
});
