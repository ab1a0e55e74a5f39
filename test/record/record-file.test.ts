// The recording on disk. Writing: created 0600, one line per write; a write that fails (disk full)
// stops recording with one message instead of throwing into the connection. Reading for --replay:
// every bad file is an Error naming the file and, for content, the line; never a crash, never the
// file's raw bytes in the message.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRecordFile, readRecordingFile, RecordingFormatError } from '../../src/record/index.js';

const FIXTURE = new URL('../fixtures/replays/exit-relay-20s.jsonl', import.meta.url);
let dirs: string[] = [];
const scratch = () => {
  const d = mkdtempSync(join(tmpdir(), 'ortop-recording-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

describe('openRecordFile', () => {
  it('writes lines to a 0600 file', () => {
    const path = join(scratch(), 'rec.jsonl');
    const sink = openRecordFile(path);
    sink.writeLine('{"a":1}');
    sink.writeLine('{"b":2}');
    sink.close();
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}\n{"b":2}\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('a failing write (disk full) stops recording with one message and throws nothing', () => {
    const path = join(scratch(), 'rec.jsonl');
    const errors: string[] = [];
    let calls = 0;
    const sink = openRecordFile(path, {
      onError: (m) => errors.push(m),
      write: () => {
        calls++;
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
    });
    expect(() => sink.writeLine('one')).not.toThrow();
    expect(() => sink.writeLine('two')).not.toThrow();
    expect(() => sink.close()).not.toThrow();
    expect(calls).toBe(1);
    expect(errors).toEqual([`could not write the recording to ${path}: ENOSPC: no space left on device, write; recording stopped`]);
  });

  it('a path it cannot create is an error naming it', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'd'));
    expect(() => openRecordFile(join(dir, 'd'))).toThrow(`--record ${join(dir, 'd')}: ${join(dir, 'd')} exists; choose a new name or remove it`);
    expect(() => openRecordFile(join(dir, 'no', 'such', 'dir.jsonl'))).toThrow(`cannot write the recording to ${join(dir, 'no', 'such', 'dir.jsonl')}: ENOENT`);
  });
});

describe('readRecordingFile', () => {
  const lines = () => readFileSync(FIXTURE, 'utf8').split('\n');

  it('reads a good recording', async () => {
    const recording = await readRecordingFile(FIXTURE.pathname);
    expect(recording.entries.length).toBeGreaterThan(100);
  });

  it('a corrupt line: the file and the line number', async () => {
    const path = join(scratch(), 'bad.jsonl');
    const text = lines();
    text[6] = '{"kind":"sent",garbage';
    writeFileSync(path, text.join('\n'));
    const error = await readRecordingFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordingFormatError);
    expect((error as Error).message).toMatch(new RegExp(`^${path}: line 7: not JSON \\(`));
  });

  it('a last line cut off while it was written: says so and what to do', async () => {
    const path = join(scratch(), 'cut.jsonl');
    const text = readFileSync(FIXTURE, 'utf8');
    writeFileSync(path, text.slice(0, text.length - 40));
    const n = text.trimEnd().split('\n').length;
    await expect(readRecordingFile(path)).rejects.toThrow(
      new RegExp(`^${path}: line ${n}: not JSON .*; it is the last line and has no newline, so the recording was cut off while it was written: remove that line to replay the rest$`),
    );
  });

  it('binary junk: line 1 is not JSON, and no raw byte is echoed', async () => {
    const path = join(scratch(), 'junk');
    writeFileSync(path, Buffer.from([0x1b, 0x5d, 0x30, 0x3b, 0x78, 0x07, 0xff, 0x00, 0x9b]));
    const message = await readRecordingFile(path).then(
      () => '',
      (e: Error) => e.message,
    );
    expect(message).toMatch(new RegExp(`^${path}: line 1: not JSON \\(`));
    expect(message).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
    expect(message).toContain('\\u001b');
  });

  it('wrong-type entries name the line and escape what they quote', async () => {
    const path = join(scratch(), 'kind.jsonl');
    const text = lines();
    text[3] = '{"kind":"\\u009b31m","ms":9,"session":1}';
    writeFileSync(path, text.join('\n'));
    await expect(readRecordingFile(path)).rejects.toThrow(`${path}: line 4: unknown entry kind "\\u009b31m"`);
  });

  it('a directory, a missing file and a huge file are errors naming the file', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'd'));
    await expect(readRecordingFile(join(dir, 'd'))).rejects.toThrow(`cannot read the recording ${join(dir, 'd')}: it is a directory`);
    await expect(readRecordingFile(join(dir, 'none'))).rejects.toThrow(`cannot read the recording ${join(dir, 'none')}: ENOENT`);
    const huge = join(dir, 'huge');
    writeFileSync(huge, '');
    truncateSync(huge, 3 * 1024 ** 3);
    await expect(readRecordingFile(huge)).rejects.toThrow(`cannot read the recording ${huge}: it is 3072 MiB; ortop replays recordings up to 500 MiB`);
  });
});
