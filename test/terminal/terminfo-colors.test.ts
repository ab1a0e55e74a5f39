// Colour from TERM's terminfo entry: xterm-mono and vt100 have none, xterm-256color has 256. Parsed
// from the system's real compiled entries (ncurses-base is part of every Debian/Ubuntu install) and
// from hand-made ones for both formats and for broken bytes.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTerminfoColors, terminalHasColors, terminfoColors } from '../../src/terminal/index.js';

/** A compiled entry: legacy (16-bit numbers) or extended (32-bit), with the given numeric capabilities. */
function entry(numbers: number[], extended = false): Buffer {
  const names = Buffer.from('test|a test terminal\0', 'latin1');
  const bools = Buffer.from([1, 0, 1]);
  const header = Buffer.alloc(12);
  header.writeInt16LE(extended ? 0o1036 : 0o432, 0);
  header.writeInt16LE(names.length, 2);
  header.writeInt16LE(bools.length, 4);
  header.writeInt16LE(numbers.length, 6);
  const pad = (12 + names.length + bools.length) % 2 === 1 ? Buffer.alloc(1) : Buffer.alloc(0);
  const nums = Buffer.alloc(numbers.length * (extended ? 4 : 2));
  numbers.forEach((n, i) => (extended ? nums.writeInt32LE(n, i * 4) : nums.writeInt16LE(n, i * 2)));
  return Buffer.concat([header, names, bools, pad, nums]);
}

const colorsAt13 = (colors: number) => Array.from({ length: 15 }, (_, i) => (i === 13 ? colors : 80));

describe('parseTerminfoColors', () => {
  it('reads the colors number in both formats, and -1 when it is absent or cancelled', () => {
    expect(parseTerminfoColors(entry(colorsAt13(8)))).toBe(8);
    expect(parseTerminfoColors(entry(colorsAt13(256), true))).toBe(256);
    expect(parseTerminfoColors(entry(colorsAt13(0x1000000), true))).toBe(0x1000000);
    expect(parseTerminfoColors(entry(colorsAt13(-1)))).toBe(-1);
    expect(parseTerminfoColors(entry(colorsAt13(-2)))).toBe(-1);
    expect(parseTerminfoColors(entry([80, 24, 8]))).toBe(-1); // only three numbers: no colors capability
  });

  it('is undefined for bytes that are not an entry (wrong magic, truncated, empty)', () => {
    expect(parseTerminfoColors(Buffer.from('#!/bin/sh\necho hi\n'))).toBeUndefined();
    expect(parseTerminfoColors(entry(colorsAt13(8)).subarray(0, 40))).toBeUndefined();
    expect(parseTerminfoColors(Buffer.alloc(0))).toBeUndefined();
  });

  const system = ['/lib/terminfo', '/usr/share/terminfo'].find((d) => existsSync(join(d, 'x', 'xterm-mono')));
  it('reads the system entries as tput does (xterm-mono -1, vt100 -1, linux 8, xterm-256color 256)', async () => {
    expect(system, 'ncurses-base terminfo entries are installed').toBeDefined();
    const env = (TERM: string) => ({ TERM, HOME: '/nonexistent', TERMINFO_DIRS: system! });
    expect(await terminfoColors(env('xterm-mono'))).toBe(-1);
    expect(await terminfoColors(env('vt100'))).toBe(-1);
    expect(await terminfoColors(env('linux'))).toBe(8);
    expect(await terminfoColors(env('xterm-256color'))).toBe(256);
    expect(await terminalHasColors(env('xterm-mono'))).toBe(false);
    expect(await terminalHasColors(env('xterm-256color'))).toBe(true);
  });
});

describe('terminfoColors lookup', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ortop-terminfo-'));
  mkdirSync(join(dir, 'm'));
  writeFileSync(join(dir, 'm', 'monoterm'), entry(colorsAt13(-1)));
  mkdirSync(join(dir, '63')); // macOS layout: hex of the first letter
  writeFileSync(join(dir, '63', 'colourterm'), entry(colorsAt13(88), true));

  it('looks in TERMINFO first, under the first letter or its hex code', async () => {
    expect(await terminfoColors({ TERM: 'monoterm', TERMINFO: dir, HOME: '/nonexistent' })).toBe(-1);
    expect(await terminfoColors({ TERM: 'colourterm', TERMINFO: dir, HOME: '/nonexistent' })).toBe(88);
  });

  it('keeps colours when the entry is not found, and never reads a path built from an odd TERM', async () => {
    const asked: string[] = [];
    const read = async (path: string) => {
      asked.push(path);
      return { kind: 'missing' } as const;
    };
    expect(await terminalHasColors({ TERM: 'no-such-terminal-anywhere', HOME: '/nonexistent' }, read)).toBe(true);
    expect(asked.length).toBeGreaterThan(0);
    asked.length = 0;
    for (const TERM of ['../../etc/passwd', 'x/../../y', '', '.hidden', `a\0b`]) expect(await terminfoColors({ TERM }, read)).toBeUndefined();
    expect(await terminfoColors({}, read)).toBeUndefined();
    expect(asked).toEqual([]);
  });

  it('does not hang on a FIFO where the entry should be: it is skipped', async () => {
    mkdirSync(join(dir, 'f'));
    execFileSync('mkfifo', [join(dir, 'f', 'fifoterm')]);
    expect(await terminfoColors({ TERM: 'fifoterm', TERMINFO: dir, HOME: '/nonexistent' })).toBeUndefined();
  });
});
