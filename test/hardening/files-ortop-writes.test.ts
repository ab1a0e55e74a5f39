// Every file ortop writes, against what a shared machine can put at the path first: an existing
// file (0644), a symlink to another file, a dangling symlink, a directory, a FIFO. A new file is 0600
// whatever the umask; a symlink is never followed (its target stays as it was, nothing is created
// through it); an existing file is never truncated silently. Each writer is one row: a new way for
// ortop to write a file for the user joins the table and gets every case.
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDebugLog } from '../../src/app/shell/debug-log.js';
import { InterpreterHistoryStore } from '../../src/app/session/interpreter-history-store.js';
import { openLogSink, saveLogSnapshot } from '../../src/app/session/log-writer.js';
import { ManualClock } from '../../src/controller/index.js';
import { openRecordFile } from '../../src/record/index.js';
import { makeLogEntry } from '../../src/relay/log/index.js';
import { settle } from '../helpers/fake-tor.js';

const T = Date.UTC(2026, 10, 27, 12, 0, 0);
const entry = makeLogEntry(0, { atMs: T, type: 'NOTICE', message: 'hello', source: 'tor' });

let dirs: string[] = [];
const scratch = () => {
  const d = mkdtempSync(join(tmpdir(), 'ortop-writes-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** What a writer did with the path: wrote it, or refused with a message (never a hang or a throw past it). */
type Outcome = { readonly kind: 'wrote' } | { readonly kind: 'refused'; readonly message: string } | { readonly kind: 'asks' };

interface Writer {
  readonly name: string;
  /** 'create': refuses anything existing. 'append': appends to an existing regular file. 'ask': asks before replacing one. */
  readonly existing: 'refuse' | 'append' | 'ask';
  write(path: string): Promise<Outcome>;
}

const WRITERS: readonly Writer[] = [
  {
    name: '--record',
    existing: 'refuse',
    async write(path) {
      try {
        const sink = openRecordFile(path);
        sink.writeLine('{"a":1}');
        sink.close();
        return { kind: 'wrote' };
      } catch (e) {
        return { kind: 'refused', message: (e as Error).message };
      }
    },
  },
  {
    name: "page 1's save-log (a)",
    existing: 'ask',
    async write(path) {
      const r = await saveLogSnapshot(path, [{ entry, duplicates: 0 }]);
      return r.kind === 'saved' ? { kind: 'wrote' } : r.kind === 'exists' ? { kind: 'asks' } : { kind: 'refused', message: r.reason };
    },
  },
  {
    name: '-d (debug log)',
    existing: 'append',
    async write(path) {
      try {
        openDebugLog(path, () => T).write('hello');
        return { kind: 'wrote' };
      } catch (e) {
        return { kind: 'refused', message: (e as Error).message };
      }
    },
  },
  {
    name: 'write_logs_to',
    existing: 'append',
    async write(path) {
      const errors: string[] = [];
      const sink = openLogSink(path, { clock: new ManualClock(T), onError: (m) => errors.push(m) });
      sink.write(entry);
      await sink.close();
      for (let i = 0; i < 3; i++) await settle();
      return errors.length === 0 ? { kind: 'wrote' } : { kind: 'refused', message: errors.join('; ') };
    },
  },
];

describe.each(WRITERS)('$name', (writer) => {
  it('creates a new file 0600, even under umask 000', async () => {
    const path = join(scratch(), 'out');
    const old = process.umask(0);
    try {
      expect(await writer.write(path)).toEqual({ kind: 'wrote' });
    } finally {
      process.umask(old);
    }
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toMatch(/hello|"a":1/);
  });

  it('an existing 0644 file is never truncated, and keeps its mode unless the user replaces it', async () => {
    const path = join(scratch(), 'out');
    writeFileSync(path, 'keep me\n', { mode: 0o644 });
    const outcome = await writer.write(path);
    const after = readFileSync(path, 'utf8');
    if (writer.existing === 'refuse') {
      expect(outcome).toEqual({ kind: 'refused', message: `--record ${path}: ${path} exists; choose a new name or remove it` });
      expect(after).toBe('keep me\n');
    } else if (writer.existing === 'ask') {
      expect(outcome).toEqual({ kind: 'asks' });
      expect(after).toBe('keep me\n');
    } else {
      expect(outcome).toEqual({ kind: 'wrote' });
      expect(after.startsWith('keep me\n')).toBe(true);
      expect(after).toContain('hello');
    }
    expect(statSync(path).mode & 0o777).toBe(0o644);
  });

  it('a symlink to another file: refused, the target untouched, the link still there', async () => {
    const dir = scratch();
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'precious\n', { mode: 0o644 });
    const path = join(dir, 'out');
    symlinkSync(victim, path);
    const outcome = await writer.write(path);
    expect(outcome.kind).toBe('refused');
    expect(outcome.kind === 'refused' && outcome.message).toMatch(writer.existing === 'refuse' ? /exists; choose a new name or remove it/ : /symbolic link/);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(statSync(victim).mode & 0o777).toBe(0o644);
    expect(readlinkSync(path)).toBe(victim);
  });

  it('a dangling symlink: refused, nothing created where it points', async () => {
    const dir = scratch();
    const target = join(dir, 'would-be-created');
    const path = join(dir, 'out');
    symlinkSync(target, path);
    expect((await writer.write(path)).kind).toBe('refused');
    expect(existsSync(target)).toBe(false);
    expect(lstatSync(path).isSymbolicLink()).toBe(true);
  });

  it('a directory: refused with the reason', async () => {
    const path = join(scratch(), 'out');
    mkdirSync(path);
    const outcome = await writer.write(path);
    expect(outcome.kind).toBe('refused');
    expect(outcome.kind === 'refused' && outcome.message).toMatch(writer.existing === 'refuse' ? /exists; choose a new name/ : /is a directory/);
  });

  it('a FIFO: refused at once, not waited on', async () => {
    const path = join(scratch(), 'out');
    execFileSync('mkfifo', [path]);
    const outcome = await writer.write(path);
    expect(outcome.kind).toBe('refused');
    expect(outcome.kind === 'refused' && outcome.message).toMatch(writer.existing === 'refuse' ? /exists; choose a new name/ : /is a FIFO/);
  });
});

describe("ortop's own state files (history; the manual cache uses the same atomic write)", () => {
  it('a symlink in place of the history: set aside, never read through or written through', async () => {
    const dir = scratch();
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'GETINFO secret-looking\n', { mode: 0o644 });
    mkdirSync(join(dir, 'state'));
    const path = join(dir, 'state', 'history');
    symlinkSync(victim, path);
    const problems: string[] = [];
    const store = new InterpreterHistoryStore(path, { nowMs: () => T });
    expect(await store.load()).toEqual([]);
    problems.push(store.lastError ?? '');
    await store.save(['GETINFO version']);
    expect(readFileSync(victim, 'utf8')).toBe('GETINFO secret-looking\n');
    expect(lstatSync(path).isFile()).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe('GETINFO version\n');
    expect(problems[0]).toMatch(/symbolic link/);
  });
});
