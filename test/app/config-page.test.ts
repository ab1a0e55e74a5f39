// The config page in the running app against FakeTor: edits send the exact SETCONF, an empty edit
// RESETCONF, tor's refusal is shown verbatim and changes nothing, w + y sends SAVECONF, and a
// torrc with %include gets the explanation and SAVECONF FORCE only after a second yes. A damaged
// manual cache is reported once in ortop's log, set aside, and the manual read again.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { onCleanup, startApp, stopApps } from '../helpers/app-harness.js';
import { FakeTor, type FakeTorOptions } from '../helpers/fake-tor.js';

/** A tiny man page in tor's docbook shape; our own words. */
const MANUAL = [
  '.TH "TOR" "1"',
  '.SH "GENERAL OPTIONS"',
  '.PP',
  '\\fBBandwidthRate\\fR \\fIN\\fR \\fBbytes\\fR|\\fBKBytes\\fR',
  '.RS 4',
  'Caps the average traffic rate\\&.',
  '.RE',
  '.SH "SERVER OPTIONS"',
  '.PP',
  '\\fBContactInfo\\fR \\fIemail_address\\fR',
  '.RS 4',
  'How to reach the operator\\&.',
  '.RE',
  '.PP',
  '\\fBNickname\\fR \\fIname\\fR',
  '.RS 4',
  'A short name for the relay\\&.',
  '.RE',
  '',
].join('\n');

const NAMES = ['BandwidthRate DataSize', 'ContactInfo String', 'Nickname String', 'Log LineList'].join('\n');
const DEFAULTS = ['BandwidthRate "1 GB"'].join('\n');

afterEach(async () => {
  await stopApps();
  vi.unstubAllEnvs();
});

function configTor(options: Partial<FakeTorOptions> = {}): FakeTor {
  const tor = new FakeTor({
    info: { 'net/listeners/or': '', 'net/listeners/dir': '', 'net/listeners/control': '"127.0.0.1:9051"', 'net/listeners/socks': '', 'config/names': NAMES, 'config/defaults': DEFAULTS, 'info/names': 'version -- v', 'features/names': 'VERBOSE_NAMES', fingerprint: 'A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2' },
    conf: { Nickname: 'snowfall', ContactInfo: 'op <op AT example dot org>', BandwidthRate: null, Log: null },
    ...options,
  });
  // config-text follows the configuration, as tor's does.
  // The save preview asks for it together with config-file.
  tor.handle('GETINFO', (args) => {
    const keys = args.trim().split(/\s+/);
    if (!keys.includes('config-text') || keys.some((k) => k !== 'config-text' && k !== 'config-file')) return undefined;
    const lines = [...tor.conf].filter(([, v]) => v !== null).flatMap(([k, v]) => v!.map((x) => `${k} ${x}`));
    const answer = (k: string) => (k === 'config-file' ? '250-config-file=/etc/tor/torrc\r\n' : `250+config-text=\r\n${lines.join('\r\n')}\r\n.\r\n`);
    return `${keys.map(answer).join('')}250 OK\r\n`;
  });
  return tor;
}

async function startConfigApp(tor: FakeTor, cols = 100, rows = 30, prepare: (dir: string) => void = () => {}, manual = MANUAL) {
  const dir = mkdtempSync(join(tmpdir(), 'ortop-config-app-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  prepare(dir);
  writeFileSync(join(dir, 'tor.1'), manual);
  vi.stubEnv('ORTOP_TOR_MANUAL', join(dir, 'tor.1'));
  vi.stubEnv('XDG_CACHE_HOME', join(dir, 'cache'));
  vi.stubEnv('XDG_STATE_HOME', join(dir, 'state'));
  const harness = await startApp({ tor, cols, rows });
  const { type, flush, text } = harness;
  await type('3');
  // The manual is read from disk (real I/O): let it arrive.
  for (let i = 0; i < 500 && text().includes("Reading tor's manual"); i++) await flush();
  expect(text()).toContain('(General Option)');
  return harness;
}

const edits = (tor: FakeTor) => tor.commands.filter((c) => /^(SETCONF|RESETCONF|SAVECONF)/.test(c));

describe('config page in the app', () => {
  it('lists the options with the manual, then edits Nickname with the exact SETCONF', async () => {
    const tor = configTor();
    const { type, text } = await startConfigApp(tor);
    expect(text()).toContain('Tor configuration');
    expect(text()).toMatch(/ContactInfo +op <op AT example dot org> +How to reach the operator$/m); // the summary column: the first sentence, its full stop dropped
    await type('/');
    await type('nick\r');
    await type('\r');
    expect(text()).toContain('Nickname (esc: cancel, empty: reset to default): snowfall');
    await type('\x15frost \\"x\\"\r');
    expect(edits(tor)).toEqual(['SETCONF Nickname="frost \\\\\\"x\\\\\\""']);
    expect(tor.conf.get('Nickname')).toEqual(['frost \\"x\\"']);
    expect(text()).toMatch(/Nickname +frost \\"x\\"/);
    expect(text()).toContain('Nickname set to frost');
  });

  it('a secret option: shown "<set, hidden>", edited with * echo, and its new value never on screen', async () => {
    const tor = configTor({
      info: {
        'net/listeners/or': '', 'net/listeners/dir': '', 'net/listeners/control': '"127.0.0.1:9051"', 'net/listeners/socks': '',
        'config/names': `${NAMES}\nSocks5ProxyPassword String`, 'config/defaults': DEFAULTS, 'info/names': 'version -- v', 'features/names': 'VERBOSE_NAMES',
        fingerprint: 'A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2',
      },
      conf: { Nickname: 'snowfall', ContactInfo: 'op', BandwidthRate: null, Log: null, Socks5ProxyPassword: 'old-s3cret' },
    });
    const { type, text } = await startConfigApp(tor, 120, 30);
    await type('/');
    await type('socks5\r');
    expect(text()).toMatch(/Socks5ProxyPassword +<set, hidden>/);
    await type('\r');
    expect(text()).toContain('Socks5ProxyPassword (esc: cancel, empty: reset to default):');
    await type('n3w-s3cret');
    expect(text()).toContain('Socks5ProxyPassword (esc: cancel, empty: reset to default): **********');
    expect(text()).not.toMatch(/s3cret/);
    await type('\r');
    expect(edits(tor)).toEqual(['SETCONF Socks5ProxyPassword="n3w-s3cret"']);
    expect(text()).toContain('Socks5ProxyPassword set (the value is not shown: a secret option)');
    expect(text()).not.toMatch(/s3cret/);
  });

  it('an empty edit sends RESETCONF, and line lists become repeated SETCONF values', async () => {
    const tor = configTor();
    const { type, text } = await startConfigApp(tor);
    await type('/');
    await type('contact\r');
    await type('\r');
    await type('\x15\r');
    expect(edits(tor)).toEqual(['RESETCONF ContactInfo']);
    expect(text()).toContain('ContactInfo reset to its default');
    await type('\x1b');
    await type('/');
    await type('\x15log\r');
    await type('\r');
    await type('notice stdout; info file /tmp/x.log\r');
    expect(edits(tor).at(-1)).toBe('SETCONF Log="notice stdout" Log="info file /tmp/x.log"');
  });

  it("shows tor's refusal verbatim and changes nothing", async () => {
    const tor = configTor();
    tor.handle('SETCONF', (args) =>
      args.startsWith('BandwidthRate') ? '513 Unacceptable option value: Could not parse BandwidthRate: Provided value is malformed or out of bounds: Unable to parse zz as a number\r\n' : undefined,
    );
    const { type, text } = await startConfigApp(tor, 140, 30);
    await type('/');
    await type('bandwidth\r');
    await type('\r');
    await type('\x15zz\r');
    expect(text()).toContain('tor refused the new value of BandwidthRate; nothing was changed');
    expect(text()).toContain('513 Unacceptable option value: Could not parse BandwidthRate: Provided value is malformed or out of bounds: Unable to parse zz');
    expect(tor.conf.get('BandwidthRate')).toBeNull();
    await type('x');
    expect(text()).not.toContain('tor refused');
  });

  it('w shows the would-be torrc, y sends SAVECONF', async () => {
    const tor = configTor();
    const { type, text, until } = await startConfigApp(tor);
    await type('w');
    // The preview reads the torrc from disk (for %include): wait for it.
    await until('Write this to');
    expect(text()).toContain('Save configuration');
    expect(text()).toMatch(/1 Nickname snowfall/);
    expect(text()).toMatch(/2 ContactInfo op <op AT example dot org>/);
    expect(text()).toContain('Write this to /etc/tor/torrc (SAVECONF)?');
    expect(edits(tor)).toEqual([]);
    await type('y');
    expect(edits(tor)).toEqual(['SAVECONF']);
    expect(text()).toContain('Configuration saved to /etc/tor/torrc');
    await type('w');
    await type('n');
    expect(edits(tor)).toEqual(['SAVECONF']);
  });

  it('with %include: explains, and sends SAVECONF FORCE only after a second yes', async () => {
    const tor = configTor({ includesInTorrc: true });
    const { type, text, until } = await startConfigApp(tor, 120, 35);
    await type('w');
    await until('SAVECONF)?');
    await type('y');
    expect(edits(tor)).toEqual(['SAVECONF']);
    expect(text()).toContain('Your torrc uses %include');
    expect(text()).toContain('Save anyway with FORCE?');
    await type('y');
    expect(edits(tor)).toEqual(['SAVECONF', 'SAVECONF FORCE']);
    expect(text()).toContain('Configuration saved to /etc/tor/torrc (FORCE)');
  });

  it('follows changes made by another controller (CONF_CHANGED)', async () => {
    const tor = configTor();
    const { flush, text } = await startConfigApp(tor);
    tor.conf.set('ContactInfo', ['someone else <x AT y>']);
    tor.announceConfChange(['ContactInfo']);
    await flush();
    expect(text()).toMatch(/ContactInfo +someone else <x AT y>/);
  });

  it('a damaged manual cache: one line in the log with the path, set aside, the manual still shown', async () => {
    let cacheDir = '';
    const app = await startConfigApp(configTor(), 160, 40, (dir) => {
      cacheDir = join(dir, 'cache', 'ortop');
      mkdirSync(cacheDir, { recursive: true });
      writeFileSync(join(cacheDir, 'tor-manual-0.4.9.11.json'), '{"format":1,"torVersion":"0.4.9.11","source":{"pa');
    });
    await app.type('1');
    await app.until('could not be used');
    const text = app.text().replace(/\n\s*/g, ' ');
    expect(text).toContain(`[ORTOP_NOTICE] the tor manual cache ${join(cacheDir, 'tor-manual-0.4.9.11.json')} could not be used: it is not JSON (`);
    expect(text.match(/could not be used/g)).toHaveLength(1);
    expect(readdirSync(cacheDir).sort()).toEqual(['tor-manual-0.4.9.11.json', expect.stringMatching(/^tor-manual-0\.4\.9\.11\.json\.corrupt-\d{8}T\d{6}Z$/)]);
  });
});

describe('config page selection while the data arrives', () => {
  it('the detail box describes the selected (first) row even when the order changed after the first frame', async () => {
    // The first frame lists the options before the manual is read (AccountingMax first); with the
    // manual the general options come first. The selection must follow the first row, not stay
    // pinned to the row that was first in the early frame.
    const accounting = ['.PP', '\\fBAccountingMax\\fR \\fIN\\fR \\fBbytes\\fR', '.RS 4', 'Caps the traffic per accounting period\\&.', '.RE'];
    const manual = MANUAL.replace('.SH "SERVER OPTIONS"\n', `.SH "SERVER OPTIONS"\n${accounting.join('\n')}\n`);
    const tor = configTor({
      info: { 'net/listeners/or': '', 'net/listeners/dir': '', 'net/listeners/control': '"127.0.0.1:9051"', 'net/listeners/socks': '', 'config/names': `AccountingMax DataSize\n${NAMES}`, 'config/defaults': DEFAULTS, 'info/names': 'version -- v', 'features/names': 'VERBOSE_NAMES', fingerprint: 'A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2' },
      conf: { AccountingMax: '1 GB', Nickname: 'snowfall', ContactInfo: 'op <op AT example dot org>', BandwidthRate: null, Log: null },
    });
    const { text, type } = await startConfigApp(tor, 100, 30, () => {}, manual);
    const rows = text().split('\n');
    const detail = /─ (\w+) \(/.exec(rows.find((r) => r.startsWith('┌─')) ?? '')?.[1];
    const firstRow = rows[rows.findIndex((r) => r.startsWith('└')) + 1]!.split(/\s+/)[0];
    expect(firstRow).toBe('BandwidthRate');
    expect(detail).toBe(firstRow);
    // Enter edits the option the detail box shows.
    await type('\r');
    expect(text()).toContain('BandwidthRate (esc: cancel, empty: reset to default)');
  });
});
