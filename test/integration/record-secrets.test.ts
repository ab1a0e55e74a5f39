// --record against a real tor that holds secrets (a SOCKS 5 proxy with user name and password, a
// hashed control password): the recording of the app's own session (config-text, GETCONF) and of a
// session that sets them (SETCONF, abbreviated too; CONF_CHANGED; GETCONF) never holds a secret and
// says [REDACTED] where each was; the torrc page shows <hidden>. The table's list of public options
// that start a secret one's name is checked against this tor's own option list.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { Controller, realClock } from '../../src/controller/index.js';
import { PUBLIC_PREFIX_OPTIONS, SECRET_OPTIONS } from '../../src/protocol/index.js';
import { openRecordFile, parseRecording, Recorder } from '../../src/record/index.js';
import { openTransport } from '../../src/transport/index.js';
import { pollUntil } from '../helpers/poll-until.js';
import { findTor, startTor } from '../helpers/tor-process.js';
import { describeWithTor } from '../helpers/tor-required.js';

const run = promisify(execFile);
const CLI = new URL('../../dist/cli.js', import.meta.url).pathname;
const PASSWORD = 's3cretPW';
const USER = 'ortopProxyUser7q';
const dir = mkdtempSync(join(tmpdir(), 'ortop-record-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function ortop(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, HOME: dir, LANG: 'C.UTF-8' }, timeout: 20_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const SECRET_TORRC = ['Socks5Proxy 127.0.0.1:1', `Socks5ProxyUsername ${USER}`, `Socks5ProxyPassword ${PASSWORD}`];

describeWithTor('secrets in a recording of a real tor', () => {
  it("the app's own session: config-text and GETCONF answers hold [REDACTED], never the secrets", async () => {
    const tor = await startTor({ auth: 'cookie+password', torrc: SECRET_TORRC });
    const file = join(dir, 'app.jsonl');
    const out = await ortop(['-i', String(tor.controlPort), '--snapshot', 'text', '--page', 'torrc', '--size', '120x40', '--wait', '1', '--record', file]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Socks5ProxyPassword <hidden>');
    expect(out.stdout).not.toContain(PASSWORD);
    expect(out.stdout).not.toContain(USER);

    // The config page's collector (tor's config-text) starts when that page is first shown.
    const configFile = join(dir, 'app-config.jsonl');
    const config = await ortop(['-i', String(tor.controlPort), '--snapshot', 'text', '--page', 'config', '--size', '120x40', '--wait', '1', '--record', configFile]);
    expect(config.code).toBe(0);
    expect(config.stdout).not.toContain(PASSWORD);
    const text = readFileSync(file, 'utf8') + readFileSync(configFile, 'utf8');
    // What the app asked for by itself is in the files (so the checks below look at something).
    expect(text).toContain('GETINFO config-text');
    expect(text).toContain('Socks5Proxy 127.0.0.1:1');
    expect(text).toContain('Socks5ProxyPassword [REDACTED]');
    expect(text).toContain('Socks5ProxyUsername [REDACTED]');
    expect(text).toMatch(/HashedControlPassword \[REDACTED\]/);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(USER);
    expect(text).not.toMatch(/16:[0-9A-F]{58}/i);
    expect(text).not.toContain(tor.password!);

    // A second --record onto the same file is refused, and the first recording is kept.
    const again = await ortop(['-i', String(tor.controlPort), '--snapshot', '--wait', '0', '--record', file]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toBe(`ortop: --record ${file}: ${file} exists; choose a new name or remove it\n`);
    expect(readFileSync(file, 'utf8')).toBe(text.slice(0, text.length - readFileSync(configFile, 'utf8').length));
  }, 40_000);

  it('a session that sets them: SETCONF (abbreviated too), CONF_CHANGED and GETCONF hold [REDACTED]', async () => {
    const tor = await startTor({ auth: 'cookie+password', torrc: SECRET_TORRC });
    const file = join(dir, 'setconf.jsonl');
    const recorder = new Recorder({ sink: openRecordFile(file), clock: realClock, ortopVersion: 'test', target: `127.0.0.1:${tor.controlPort}` });
    const controller = new Controller({
      openTransport: recorder.wrap(() => openTransport({ kind: 'tcp', host: '127.0.0.1', port: tor.controlPort })),
      auth: { password: async () => tor.password! },
      reconnect: false,
    });
    await controller.open();
    const changes: string[] = [];
    controller.on('CONF_CHANGED', (_event, reply) => changes.push(reply.lines.map((l) => l.text).join('|')));
    await controller.syncEvents();
    await controller.request('SETCONF Socks5ProxyPassword="n3wSecret one"');
    await controller.request('SETCONF socks5proxyuser=n3wUserTwo');
    const getconf = await controller.request('GETCONF Socks5ProxyPassword Socks5ProxyUsername HashedControlPassword');
    // tor answers with its own spelling, whatever was asked: the exact names the table matches.
    expect(getconf.lines.map((l) => l.text.split('=')[0])).toEqual(['Socks5ProxyPassword', 'Socks5ProxyUsername', 'HashedControlPassword']);
    await pollUntil('two CONF_CHANGED events', async () => changes.length >= 2);
    controller.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    recorder.close();

    const text = readFileSync(file, 'utf8');
    for (const secret of ['n3wSecret', 'n3wUserTwo', PASSWORD, USER, tor.password!]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/16:[0-9A-F]{58}/i);
    const data = parseRecording(text).entries.flatMap((e) => (e.kind === 'sent' || e.kind === 'received' ? [e.data] : []));
    expect(data).toContain('SETCONF Socks5ProxyPassword="[REDACTED]"\r\n');
    expect(data).toContain('SETCONF socks5proxyuser=[REDACTED]\r\n');
    expect(data.some((d) => d.includes('650-Socks5ProxyPassword=[REDACTED]\r\n'))).toBe(true);
    expect(data.some((d) => d.includes('650-Socks5ProxyUsername=[REDACTED]\r\n'))).toBe(true);
    expect(data.some((d) => d.includes('250-Socks5ProxyPassword=[REDACTED]\r\n250-Socks5ProxyUsername=[REDACTED]\r\n250 HashedControlPassword=[REDACTED]\r\n'))).toBe(true);
  }, 40_000);

  it("the public options that start a secret one's name are exactly this tor's", async () => {
    const { stdout } = await run(findTor()!, ['--list-torrc-options'], { timeout: 10_000 });
    const names = stdout.split('\n').map((l) => l.trim()).filter((l) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(l));
    expect(names.length).toBeGreaterThan(300);
    const prefixes = names.filter((n) => SECRET_OPTIONS.some((s) => s.name.toLowerCase() !== n.toLowerCase() && s.name.toLowerCase().startsWith(n.toLowerCase())));
    expect(prefixes.sort()).toEqual([...PUBLIC_PREFIX_OPTIONS].sort());
  });
});
