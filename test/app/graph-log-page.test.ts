// Page 1 inside the whole app (OrtopApp + FakeTor + ManualClock + fake terminal): the event
// picker re-subscribes with SETEVENTS, BW events advance the graph, pause freezes it, the filter,
// snapshot, clear and resize keys, unknown logged_events, the help keys.
import { mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../src/config/index.js';
import { onCleanup, startApp, stopApps } from '../helpers/app-harness.js';
import { FakeTor } from '../helpers/fake-tor.js';

afterEach(stopApps);

function relayTor(): FakeTor {
  return new FakeTor({
    info: { 'traffic/read': '1000', 'traffic/written': '2000', uptime: '60', 'bw-event-cache': '' },
    conf: { Nickname: 'snowfall', SocksPort: '0', BandwidthRate: '1048576', BandwidthBurst: '2097152', RelayBandwidthRate: '0', RelayBandwidthBurst: '0', MaxAdvertisedBandwidth: '1073741824' },
  });
}

async function startGraphLogApp(cols = 120, rows = 40, settings: Partial<Settings> = {}, tor = relayTor()) {
  const harness = await startApp({
    tor,
    cols,
    rows,
    settings: { ...DEFAULT_SETTINGS, prepopulateLog: false, ...settings },
    hostInfo: { hostname: 'relay-host', osName: 'Linux', osRelease: '6.1.0' },
  });
  const second = async (read: number, written: number) => {
    harness.clock.advance(1000);
    tor.emitEvent(`BW ${read} ${written}`);
    await harness.flush();
  };
  return { ...harness, second };
}

describe('page 1 in the app', () => {
  it('e, tick INFO, Enter → FakeTor gets SETEVENTS with INFO; INFO events show; unticking drops it again', async () => {
    const { tor, keys, text } = await startGraphLogApp();
    expect(tor.subscribedEvents).not.toContain('INFO');
    await keys('e');
    expect(text()).toContain('Event types to log');
    // The grid starts DEBUG, INFO, NOTICE, …: one step right is INFO.
    await keys('right', 'space', 'enter', 'return');
    const last = () => tor.commands.filter((c) => c.startsWith('SETEVENTS')).at(-1)!.split(' ');
    expect(last()).toEqual(expect.arrayContaining(['INFO', 'NOTICE', 'WARN', 'ERR', 'BW']));
    expect(tor.subscribedEvents).toContain('INFO');
    expect(text()).toContain('Events (INFO-ERR, ORTOP NOTICE-ERR):');
    tor.emitEvent('INFO circuit_build_times_set_timeout(): Set circuit build timeout to 1s');
    await keys();
    expect(text()).toMatch(/\[INFO\] circuit_build_times_set_timeout\(\): Set circuit/);
    expect(text()).not.toContain('Event types to log');
    await keys('e', 'right', 'space', 'enter', 'return');
    expect(last()).not.toContain('INFO');
    expect(tor.subscribedEvents).not.toContain('INFO');
  });

  it('BW events advance the graph; pause freezes what is shown while sampling continues', async () => {
    const { app, second, text } = await startGraphLogApp();
    expect(text()).toContain('Bandwidth (limit: 1 MB/s, burst: 2 MB/s):');
    await second(524_288, 262_144);
    expect(text()).toContain('Download (512 KB/s - avg:');
    app.handleKey('p');
    await second(1_048_576, 1_048_576);
    await second(1_048_576, 1_048_576);
    expect(text()).toContain('Download (512 KB/s - avg:');
    app.handleKey('p');
    await second(0, 0);
    expect(text()).toContain('Download (0 B/s - avg:');
    expect(text()).toMatch(/total: 2\.5 MB\)/);
  });

  it('filter: an invalid regex is a message, a valid one filters; c c clears', async () => {
    const { tor, keys, text } = await startGraphLogApp();
    tor.emitEvent('NOTICE Bootstrapped 100% (done): Done');
    tor.emitEvent('WARN Something odd');
    await keys();
    await keys('f', 'end', 'enter', 'return', '(', '(', 'enter', 'return');
    expect(text()).toContain('Filter not changed: not a valid regular expression');
    await keys('f', 'end', 'enter', 'O', 'd', 'd', 'enter', 'return');
    expect(text()).toContain('Events (TOR/ORTOP NOTICE-ERR, filter: Odd):');
    expect(text()).not.toContain('Something odd');
    await keys('f', 'home', 'enter', 'return', 'c');
    expect(text()).toContain('Clear the log? (y/n)');
    await keys('c');
    expect(text()).not.toContain('Bootstrapped');
    expect(text()).toContain('Log cleared');
  });

  it('a saves the shown entries to the path typed on the status line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ortop-snap-'));
    onCleanup(() => rm(dir, { recursive: true, force: true }));
    const { tor, keys, text, until: untilShown } = await startGraphLogApp();
    tor.emitEvent('NOTICE first');
    tor.emitEvent('NOTICE second');
    await keys('a');
    expect(text()).toContain('Path to save log snapshot');
    await keys(...join(dir, 'sub', 'log.txt').split(''), 'enter', 'return');
    await untilShown('Saved');
    expect(text()).toMatch(/Saved \d+ entries to .*log\.txt/);
    const saved = await readFile(join(dir, 'sub', 'log.txt'), 'utf8');
    expect(saved).toMatch(/^2026-11-27 12:00:00 \[NOTICE\] first\n2026-11-27 12:00:00 \[NOTICE\] second\n/m);
  });

  it('a onto an existing file asks on screen before replacing it; n keeps it; a symlink is refused with the reason', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ortop-snap-'));
    onCleanup(() => rm(dir, { recursive: true, force: true }));
    const path = join(dir, 'log.txt');
    await writeFile(path, 'an earlier save\n', { mode: 0o644 });
    // Saving goes through the real file system: wait for its answer on screen, not a fixed number of frames.
    const { tor, keys, text, until: untilShown } = await startGraphLogApp(160, 40);
    tor.emitEvent('NOTICE first');
    const save = async (target: string, until: RegExp) => {
      await keys('a', ...target.split(''), 'enter', 'return');
      await untilShown(until);
    };
    await save(path, /Replace it\?/);
    expect(text()).toContain(`${path} exists (16 bytes). Replace it? (y/n)`);
    await keys('n');
    await untilShown('Not saved');
    expect(text()).toContain(`Not saved: ${path} was left as it was`);
    expect(await readFile(path, 'utf8')).toBe('an earlier save\n');
    await save(path, /Replace it\?/);
    await keys('y');
    await untilShown('Saved');
    expect(text()).toMatch(/Saved \d+ entries to .*log\.txt/);
    expect(await readFile(path, 'utf8')).toMatch(/\[NOTICE\] first\n/);
    expect((await stat(path)).mode & 0o777).toBe(0o600);

    const victim = join(dir, 'victim');
    await writeFile(victim, 'precious\n');
    await symlink(victim, join(dir, 'link'));
    await save(join(dir, 'link'), /symbolic link/);
    expect(text()).toContain(`Not saved: ${join(dir, 'link')} is a symbolic link`);
    expect(await readFile(victim, 'utf8')).toBe('precious\n');
  });

  it('g resizes the graph, s switches to connections (explained until the connections page provides counts)', async () => {
    const { keys, text, app } = await startGraphLogApp(120, 40);
    const rowsBefore = text().split('\n').findIndex((l) => l.startsWith('Events ('));
    await keys('g', 'down', 'down');
    expect(text()).toContain('Graph height: Up shrinks, Down grows, Enter when done (9 rows)');
    await keys('enter', 'return');
    expect(text().split('\n').findIndex((l) => l.startsWith('Events ('))).toBe(rowsBefore + 2);
    await keys('s', 'down', 'enter', 'return');
    expect(text()).toContain('provided by the connections page');
    await keys('h');
    expect(text()).toContain('s: graphed stat (connections)');
    expect(text()).toContain('g: graph height (9 rows)');
    app.handleKey('escape');
  });

  it('logged_events names tor does not know become one ORTOP_WARN line; the rest are kept', async () => {
    const { tor, text } = await startGraphLogApp(160, 40, { loggedEvents: ['NOTICE-ERR', 'NOSUCHEVENT', 'ORTOP_NOTICE', 'ORTOP_WARN'] });
    expect(text()).toContain('tor does not know the event type NOSUCHEVENT (not in GETINFO events/names): not logged; logging the rest');
    expect(tor.subscribedEvents).toEqual(expect.arrayContaining(['NOTICE', 'WARN', 'ERR']));
    expect(text()).toContain('Events (NOTICE-ERR, ORTOP NOTICE-WARN):');
  });
});
