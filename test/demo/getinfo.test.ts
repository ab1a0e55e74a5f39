import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_FINGERPRINT, TOR_0_4_9_EVENT_NAMES } from '../../src/demo/index.js';
import { demoPid } from '../../src/demo/demo-tor.js';
import { ReplyError } from '../../src/protocol/errors.js';
import {
  isFingerprint,
  parseExitPolicy,
  parseMicrodescriptor,
  parseRouterStatusEntries,
  parseServerDescriptor,
} from '../../src/protocol/documents/index.js';
import { splitArgs, tokenize } from '../../src/protocol/tokens.js';
import { flagsFromStatus, HEADER_INFO_KEYS, patchFromHeaderInfo } from '../../src/relay/header-info.js';
import { exitPolicyFromFull } from '../../src/relay/header-exit-policy.js';
import type { DemoHarness } from './harness.js';
import { DEMO_START_MS, openDemo } from './harness.js';

let h: DemoHarness | undefined;
afterEach(() => {
  h?.controller.close();
  h?.demo.stop();
  h = undefined;
});

describe('demo relay GETINFO', () => {
  it('answers every header key with values the header model accepts', async () => {
    h = await openDemo({ seed: 3 });
    const info = await h.controller.getInfo([...HEADER_INFO_KEYS]);
    const patch = patchFromHeaderInfo(info, DEMO_START_MS);
    // The demo is simulated in ortop's process: it must not pass ortop's pid off as tor's.
    expect(patch.pid).not.toBe(process.pid);
    expect(patch).toMatchObject({
      torVersion: '0.4.9.11',
      versionStatus: 'recommended',
      pid: demoPid(3),
      isRelay: true,
      orPort: 9001,
      dirPort: 9030,
      fdLimit: 65535,
      liveness: 'up',
      bootstrap: { progress: 100, tag: 'done', summary: 'Done', warning: undefined },
    });
    const uptimeDays = (DEMO_START_MS - patch.torStartedAtMs!) / 86_400_000;
    expect(uptimeDays).toBeGreaterThan(3);
    expect(uptimeDays).toBeLessThan(3.2);

    const fingerprint = await h.controller.getInfoOne('fingerprint');
    expect(fingerprint).toBe(DEMO_FINGERPRINT);
    expect(isFingerprint(fingerprint)).toBe(true);
    expect(await h.controller.getInfoOne('address')).toBe('198.51.100.7');
    expect(flagsFromStatus(await h.controller.getInfoOne(`ns/id/${fingerprint}`), fingerprint)).toEqual([
      'Exit', 'Fast', 'Guard', 'HSDir', 'Running', 'Stable', 'V2Dir', 'Valid',
    ]);
    const policy = await h.controller.getInfoOne('exit-policy/full');
    expect(parseExitPolicy(policy).rules.at(-1)).toMatchObject({ action: 'reject', address: '*', minPort: 1, maxPort: 65535 });
    expect(exitPolicyFromFull(policy)?.rules.map((r) => r.text)).toContain('accept *:443');

    const conf = await h.controller.getConf(['Nickname', 'ORPort', 'DirPort', 'ContactInfo', 'ExitPolicy', 'BandwidthRate', 'BandwidthBurst',
      'RelayBandwidthRate', 'RelayBandwidthBurst', 'MaxAdvertisedBandwidth', 'AccountingMax', 'Log', 'ControlPort', 'CookieAuthentication',
      'HashedControlPassword', 'DisableDebuggerAttachment', 'SocksPort', 'ControlSocket', 'HiddenServiceOptions']);
    expect(conf.get('Nickname')).toEqual(['ortopDemo']);
    expect(conf.get('ExitPolicy')).toHaveLength(3);
    expect(conf.get('BandwidthRate')).toEqual(['6291456']);
    expect(conf.get('AccountingMax')).toEqual(['0']);
    expect(conf.get('HashedControlPassword')).toEqual([]);
    expect(conf.get('CookieAuthentication')).toEqual(['0']);
    expect(conf.get('Log')).toEqual(['notice file /var/log/tor/notices.log']);
  });

  it('serves a consensus that parses cleanly, with unique fingerprints and plausible flags and weights', async () => {
    h = await openDemo({ seed: 4 });
    const text = await h.controller.getInfoOne('ns/all');
    const entries = parseRouterStatusEntries(text);
    expect(entries.length).toBeGreaterThanOrEqual(300);
    expect(entries.length).toBeLessThanOrEqual(500);
    expect(new Set(entries.map((e) => e.fingerprint)).size).toBe(entries.length);
    expect(new Set(entries.map((e) => e.address)).size).toBeGreaterThan(entries.length * 0.95);
    const share = (flag: string) => entries.filter((e) => e.flags.includes(flag)).length / entries.length;
    expect(share('Running')).toBe(1);
    expect(share('Fast')).toBeGreaterThan(0.8);
    expect(share('Guard')).toBeGreaterThan(0.15);
    expect(share('Guard')).toBeLessThan(0.6);
    expect(share('Exit')).toBeGreaterThan(0.08);
    expect(share('Exit')).toBeLessThan(0.35);
    const weights = entries.map((e) => e.bandwidthWeight!).sort((a, b) => a - b);
    const median = weights[Math.floor(weights.length / 2)]!;
    expect(weights.at(-1)!).toBeGreaterThan(median * 10);
    for (const e of entries) {
      expect(e.flags).toEqual([...e.flags].sort());
      expect(e.exitPolicy).toBeDefined();
      expect(e.exitPolicy!.action === 'accept' || e.exitPolicy!.ports.length > 0).toBe(true);
    }

    const some = entries.filter((e) => e.fingerprint !== DEMO_FINGERPRINT).slice(0, 25);
    for (const e of some) {
      const byId = parseRouterStatusEntries(await h.controller.getInfoOne(`ns/id/${e.fingerprint}`));
      expect(byId.map((x) => x.fingerprint)).toEqual([e.fingerprint]);
      const desc = parseServerDescriptor(await h.controller.getInfoOne(`desc/id/${e.fingerprint}`), { input: 'text' });
      expect(desc).toMatchObject({ nickname: e.nickname, address: e.address, orPort: e.orPort, fingerprint: e.fingerprint });
      expect(desc.torVersion).toMatch(/^0\.4\.[789]\.\d+$/);
      expect(desc.bandwidth.observedBytesPerSec).toBeGreaterThan(0);
      expect(desc.exitPolicy.rules.length).toBeGreaterThan(0);
      expect(desc.publishedAtMs).toBeLessThanOrEqual(DEMO_START_MS);
      // Its microdescriptor (the d popup shows it) carries the same ntor key.
      const mdText = await h.controller.getInfoOne(`md/id/${e.fingerprint}`);
      expect(() => parseMicrodescriptor(mdText)).not.toThrow();
      const ntor = (t: string) => /^ntor-onion-key (\S+)$/m.exec(t)?.[1];
      expect(ntor(mdText)).toBeDefined();
      expect(ntor(mdText)).toBe(ntor(await h.controller.getInfoOne(`desc/id/${e.fingerprint}`)));
    }
    const named = some.find((e) => e.nickname !== 'Unnamed')!;
    expect(parseRouterStatusEntries(await h.controller.getInfoOne(`ns/name/${named.nickname}`))[0]!.fingerprint).toBe(named.fingerprint);

    const ours = parseServerDescriptor(await h.controller.getInfoOne(`desc/id/${DEMO_FINGERPRINT}`), { input: 'text' });
    expect(ours).toMatchObject({ nickname: 'ortopDemo', address: '198.51.100.7', orPort: 9001, dirPort: 9030, torVersion: '0.4.9.11' });
    expect(ours.contact).toContain('example dot org');
    expect(ours.bandwidth.avgBytesPerSec).toBe(6291456);
  });

  it('answers geo, status, listener and list keys in tor formats', async () => {
    h = await openDemo({ seed: 5 });
    const c = h.controller;
    const v = await c.getInfo([
      'ip-to-country/ipv4-available', 'ip-to-country/127.0.0.1', 'dormant', 'status/circuit-established', 'network-liveness',
      'net/listeners/control', 'net/listeners/socks', 'events/names', 'signal/names', 'current-time/utc', 'traffic/read',
      'traffic/written', 'accounting/enabled', 'accounting/hibernating', 'accounting/bytes', 'config-file', 'exit-policy/default',
      'status/clients-seen', 'bw-event-cache', 'orconn-status', 'circuit-status', 'stream-status', 'entry-guards',
    ]);
    expect(v.get('ip-to-country/ipv4-available')).toBe('1');
    expect(v.get('ip-to-country/127.0.0.1')).toBe('??');
    expect(v.get('dormant')).toBe('0');
    expect(v.get('status/circuit-established')).toBe('1');
    expect(v.get('net/listeners/control')).toBe('"127.0.0.1:9051"');
    expect(v.get('events/names')!.split(' ')).toEqual(TOR_0_4_9_EVENT_NAMES);
    expect(v.get('signal/names')).toContain('NEWNYM');
    expect(v.get('current-time/utc')).toBe('2026-11-27T18:00:00');
    expect(Number(v.get('traffic/read'))).toBeGreaterThan(100e9);
    expect(Number(v.get('traffic/written'))).toBeGreaterThan(Number(v.get('traffic/read')));
    expect(v.get('accounting/enabled')).toBe('0');
    expect(v.get('accounting/bytes')).toBe('0 0');
    expect(v.get('exit-policy/default')).toMatch(/^reject \*:25,reject \*:119,.*accept \*:\*$/);

    const { keywords } = splitArgs(tokenize(v.get('status/clients-seen')!));
    const countries = keywords.get('CountrySummary')!.split(',').map((p) => p.split('='));
    expect(countries.length).toBeGreaterThan(10);
    for (const [cc, n] of countries) {
      expect(cc).toMatch(/^[a-z]{2}$/);
      expect(Number(n) % 8).toBe(0);
    }
    expect(keywords.get('TimeStarted')).toBe('2026-11-27 00:00:00');

    const pairs = v.get('bw-event-cache')!.split(' ');
    expect(pairs).toHaveLength(300);
    for (const pair of pairs) expect(pair).toMatch(/^[1-9]\d*,[1-9]\d*$/);
    const mean = pairs.reduce((s, p) => s + Number(p.split(',')[0]), 0) / pairs.length;
    expect(mean).toBeGreaterThan(1e6);
    expect(mean).toBeLessThan(6.3e6);

    const orconns = v.get('orconn-status')!.split('\n');
    expect(orconns.length).toBeGreaterThanOrEqual(80);
    expect(orconns.length).toBeLessThanOrEqual(200);
    for (const line of orconns) expect(line).toMatch(/^(\$[0-9A-F]{40}~[A-Za-z0-9]{1,19}|\d+\.\d+\.\d+\.\d+:\d+) (CONNECTED|LAUNCHED|NEW)$/);
    for (const line of v.get('circuit-status')!.split('\n')) {
      expect(line).toMatch(/^\d+ (LAUNCHED|EXTENDED|BUILT)( \S+)? BUILD_FLAGS=\S+ PURPOSE=\S+.* TIME_CREATED=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}/);
    }
    expect(v.get('entry-guards')!.split('\n').slice(0, 3).every((l) => / up$/.test(l))).toBe(true);

    const countries2 = new Set<string>();
    for (let i = 1; i < 60; i++) countries2.add(await c.getInfoOne(`ip-to-country/${i * 3}.${(i * 7) % 256}.10.1`));
    expect(countries2.has('de') || countries2.has('us')).toBe(true);
    expect(countries2.size).toBeGreaterThan(5);
    expect(await c.getInfoOne('ip-to-country/85.10.1.1')).toBe(await c.getInfoOne('ip-to-country/85.10.200.3'));
  });

  it('refuses like tor: unknown keys with 552, undecodable ones with 551', async () => {
    h = await openDemo();
    const c = h.controller;
    const unknown = await c.request('GETINFO version nonexistent other/bogus');
    expect(unknown.code).toBe(552);
    expect(unknown.lines.map((l) => l.text)).toEqual(['Unrecognized key "nonexistent"', 'Unrecognized key "other/bogus"']);
    expect((await c.request('GETINFO ns/id/ZZZZ')).lines[0]!.text).toBe('Data not decodeable as hex');
    expect((await c.request(`GETINFO ns/id/${'0'.repeat(40)}`)).code).toBe(552);
    expect((await c.request(`GETINFO desc/id/${'A'.repeat(40)}`)).code).toBe(552);
    expect((await c.request('GETINFO ip-to-country/notanip')).lines[0]!.text).toBe('Invalid address family');
    expect((await c.request('GETINFO md/id/x')).code).toBe(552);
    await expect(c.getConf(['NoSuchOption'])).rejects.toBeInstanceOf(ReplyError);
    const names = await c.getInfoOne('config/names');
    expect(names).toMatch(/^Nickname String$/m);
    expect(names).toMatch(/^BandwidthRate DataSize$/m);
    expect(await c.getInfoOne('config/defaults')).toMatch(/^BandwidthRate 1073741824$/m);
    expect(await c.getInfoOne('info/names')).toMatch(/^ns\/id\/\* -- /m);
    expect(await c.getInfoOne('config-text')).toMatch(/^Nickname ortopDemo$/m);
  });
});
