// tor's own files that ortop reads (the log tail for the backlog, the torrc and its includes) may be
// FIFOs or devices on a hostile or odd system: ortop must refuse them at once, not hang waiting for
// a writer. Real FIFOs made with mkfifo in a temp dir; a hang fails the test by its timeout.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { torFileTail } from '../../src/app/session/log-file-tail.js';
import { loadTorrcDocument, torrcFsFor } from '../../src/app/session/torrc-loader.js';
import { OUR_TOR_OWNER } from '../helpers/tor-owner.js';

const readFileTail = torFileTail(async () => OUR_TOR_OWNER);
const fs = torrcFsFor(OUR_TOR_OWNER);

let dir: string | undefined;
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function fifoIn(name: string): { dir: string; path: string } {
  dir = mkdtempSync(join(tmpdir(), 'ortop-fifo-'));
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  return { dir, path };
}

describe("tor's files as FIFOs", () => {
  it('the log tail refuses a FIFO without waiting for a writer', async () => {
    const { path } = fifoIn('notice.log');
    await expect(readFileTail(path, 4096)).rejects.toMatchObject({ code: 'ETORFILE', reason: 'it is a FIFO, not a file tor\'s log or state file would be' });
  }, 5_000);

  it('the log tail still reads the end of a regular file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ortop-fifo-'));
    const path = join(dir, 'notice.log');
    writeFileSync(path, 'first line\nsecond line\n');
    expect(await readFileTail(path, 12)).toBe('second line\n');
  });

  it('a torrc %include naming a FIFO is shown as not read, and the rest of the torrc is', async () => {
    const { dir: d, path } = fifoIn('evil.conf');
    writeFileSync(join(d, 'torrc'), `ORPort 9001\n%include ${path}\nNickname after\n`);
    const doc = await loadTorrcDocument(join(d, 'torrc'), fs);
    expect(doc.sections.map((s) => [s.path, s.error])).toEqual([
      [join(d, 'torrc'), undefined],
      [path, 'not a regular file (a FIFO, socket or device): not read'],
    ]);
    expect(doc.sections[0]!.parsed!.entries.map((e) => e.key)).toContain('Nickname');
  }, 5_000);

  it('a torrc that is itself a FIFO is not read', async () => {
    const { path } = fifoIn('torrc');
    const doc = await loadTorrcDocument(path, fs);
    expect(doc.sections.map((s) => [s.path, s.error])).toEqual([[path, 'not a regular file (a FIFO, socket or device): not read']]);
  }, 5_000);
});
