// Continuous log writing (write_logs_to) batches lines on the clock, sanitises them and stops with
// one message on failure; snapshots write the shown entries oldest first to a new 0600 file, creating
// directories, and replace an existing file only when told to (atomically: a failed save leaves no half
// file and no temporary). The debug log (-d) appends 0600 lines and never throws once open.
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDebugLog } from '../../src/app/shell/debug-log.js';
import { formatLogFileLine, openLogSink, saveLogSnapshot } from '../../src/app/session/log-writer.js';
import { ManualClock } from '../../src/controller/index.js';
import { makeLogEntry } from '../../src/relay/log/index.js';
import { settle } from '../helpers/fake-tor.js';

const T = Date.UTC(2026, 10, 27, 12, 0, 0);
const entry = (message: string, type = 'NOTICE') => makeLogEntry(0, { atMs: T, type, message, source: 'tor' });
let dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
  dirs = [];
});

describe('log writing', () => {
  it('formats one sanitised line per entry, with the date', () => {
    expect(formatLogFileLine(entry('evil \u001b]0;x\u0007 ok'), 2)).toBe('2026-11-27 12:00:00 [NOTICE] evil  ok [2 duplicates hidden]');
  });

  it('names the relay on each line when several relays share the file (a hostile name cannot break the line)', async () => {
    expect(formatLogFileLine(entry('up'), 0, 'exit1')).toBe('2026-11-27 12:00:00 exit1 [NOTICE] up');
    expect(formatLogFileLine(entry('up'), 0, 'a b\u001b[2J\nc')).toBe('2026-11-27 12:00:00 a_b_c [NOTICE] up');
    const dir = await mkdtemp(join(tmpdir(), 'ortop-logs-'));
    dirs.push(dir);
    const clock = new ManualClock(T);
    const path = join(dir, 'fleet.log');
    const sinks = ['alpha', 'bravo'].map((relay) => openLogSink(path, { clock, onError: () => {}, relay }));
    await settle();
    sinks[0]!.write(entry('from alpha'));
    sinks[1]!.write(entry('from bravo', 'WARN'));
    await Promise.all(sinks.map((s) => s.close()));
    expect((await readFile(path, 'utf8')).split('\n').filter((l) => l !== '').sort()).toEqual([
      '2026-11-27 12:00:00 alpha [NOTICE] from alpha',
      '2026-11-27 12:00:00 bravo [WARN] from bravo',
    ]);
  });

  it('appends live entries in batches on the clock', async () => {
    const clock = new ManualClock(T);
    const writes: string[] = [];
    const listeners = new Map<string, () => void>();
    const stream = { write: (text: string) => (writes.push(text), true), end: () => listeners.get('finish')?.(), on: (event: string, l: () => void) => (listeners.set(event, l), stream) };
    const errors: string[] = [];
    const sink = openLogSink('/x/log', { clock, onError: (m) => errors.push(m), openStream: () => stream as never });
    await settle();
    sink.write(entry('one'));
    sink.write(entry('two', 'WARN'));
    expect(writes).toEqual([]);
    clock.advance(250);
    expect(writes).toEqual(['2026-11-27 12:00:00 [NOTICE] one\n2026-11-27 12:00:00 [WARN] two\n']);
    sink.write(entry('three'));
    await sink.close();
    expect(writes).toHaveLength(2);
    sink.write(entry('after close'));
    clock.advance(1000);
    expect(writes).toHaveLength(2);
    expect(errors).toEqual([]);
  });

  it('writes a real file (mode 0600), and reports a failure once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ortop-logs-'));
    dirs.push(dir);
    const clock = new ManualClock(T);
    const path = join(dir, 'deep', 'ortop.log');
    const sink = openLogSink(path, { clock, onError: () => {} });
    sink.write(entry('hello'));
    await sink.close();
    expect(await readFile(path, 'utf8')).toBe('2026-11-27 12:00:00 [NOTICE] hello\n');
    expect((await stat(path)).mode & 0o777).toBe(0o600);

    const errors: string[] = [];
    const bad = openLogSink(join(path, 'not-a-dir', 'x.log'), { clock, onError: (m) => errors.push(m) });
    bad.write(entry('lost'));
    await bad.close();
    bad.write(entry('lost too'));
    clock.advance(1000);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^could not write the log to .*x\.log: .*; continuous log writing stopped$/);
  });

  it('saves a snapshot oldest first, creating directories', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ortop-snap-'));
    dirs.push(dir);
    const saved = await saveLogSnapshot(join(dir, 'a', 'b.txt'), [
      { entry: entry('first'), duplicates: 0 },
      { entry: entry('second'), duplicates: 3 },
    ]);
    expect(saved).toEqual({ kind: 'saved', path: join(dir, 'a', 'b.txt') });
    expect((await stat(join(dir, 'a', 'b.txt'))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(dir, 'a', 'b.txt'), 'utf8')).toBe('2026-11-27 12:00:00 [NOTICE] first\n2026-11-27 12:00:00 [NOTICE] second [3 duplicates hidden]\n');
  });

  it('an existing file is reported, then replaced atomically (0600) only when told; a directory is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ortop-snap-'));
    dirs.push(dir);
    const path = join(dir, 'log.txt');
    await writeFile(path, 'an earlier save\n', { mode: 0o644 });
    expect(await saveLogSnapshot(path, [{ entry: entry('new'), duplicates: 0 }])).toEqual({ kind: 'exists', path, size: 16 });
    expect(await readFile(path, 'utf8')).toBe('an earlier save\n');
    expect(await saveLogSnapshot(path, [{ entry: entry('new'), duplicates: 0 }], { replace: true })).toEqual({ kind: 'saved', path });
    expect(await readFile(path, 'utf8')).toBe('2026-11-27 12:00:00 [NOTICE] new\n');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    await mkdir(join(dir, 'taken', 'inside'), { recursive: true });
    for (const replace of [false, true]) {
      expect(await saveLogSnapshot(join(dir, 'taken'), [{ entry: entry('x'), duplicates: 0 }], { replace })).toEqual({ kind: 'refused', path: join(dir, 'taken'), reason: `${join(dir, 'taken')} is a directory` });
    }
    expect((await readdir(dir)).sort()).toEqual(['log.txt', 'taken']);
  });

  it('the debug log appends 0600 lines, refuses an unusable path up front, and never throws after', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ortop-debug-'));
    dirs.push(dir);
    const path = join(dir, 'sub', 'debug.log');
    const log = openDebugLog(path, () => T);
    log.write('one \u001b[2J');
    openDebugLog(path, () => T).write('two');
    expect(await readFile(path, 'utf8')).toBe('2026-11-27T12:00:00.000Z one \n2026-11-27T12:00:00.000Z two\n');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(() => openDebugLog(dir)).toThrow(`cannot write the debug log ${dir}: ${dir} is a directory`);
    await rm(join(dir, 'sub'), { recursive: true });
    await writeFile(join(dir, 'sub'), 'a file where the directory was');
    expect(() => log.write('lost')).not.toThrow();
  });
});
