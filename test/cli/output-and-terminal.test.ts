// Where ortop's output goes, with the built CLI: a snapshot to a full disk is one line and exit 1; to
// a pipe whose reader left, silence and exit 0; no terminal, or TERM=dumb, refuses the full-screen UI
// with a hint to use --snapshot (exit 2) instead of drawing into a file forever; a terminal whose
// terminfo has no colours (TERM=xterm-mono) gets a monochrome screen.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnInPty } from '../../bench/lib/pty-process.js';
import { pollUntil } from '../helpers/poll-until.js';

const CLI = new URL('../../dist/cli.js', import.meta.url).pathname;
const HOME = mkdtempSync(join(tmpdir(), 'ortop-output-home-'));
const ENV = { PATH: process.env.PATH, HOME, LANG: 'C.UTF-8', TERM: 'xterm-256color', XDG_CACHE_HOME: join(HOME, 'cache'), XDG_STATE_HOME: join(HOME, 'state') };
const SNAPSHOT = [CLI, '--demo', '--snapshot', '--wait', '0', '--size', '100x30'];

describe('a snapshot that cannot be written', () => {
  it('to a full disk (/dev/full): one line saying so, exit 1, no stack trace', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, SNAPSHOT, { env: ENV, stdio: ['ignore', full, 'pipe'], timeout: 15_000 });
      expect(r.stderr.toString()).toBe('ortop: cannot write the snapshot to standard output: no space left on device (ENOSPC)\n');
      expect(r.status).toBe(1);
    } finally {
      closeSync(full);
    }
  });

  it('to a pipe whose reader went away (| head -c 10): silence and exit 0', async () => {
    const child = spawn(process.execPath, SNAPSHOT, { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before ortop writes the frame: its write gets EPIPE
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('the full-screen UI needs a terminal that can show it', () => {
  it('without a terminal (</dev/null >file): refuses with a hint to use --snapshot, exit 2, nothing drawn', () => {
    const r = spawnSync(process.execPath, [CLI, '--demo'], { env: ENV, stdio: ['ignore', 'pipe', 'pipe'], timeout: 15_000 });
    expect(r.status).toBe(2);
    expect(r.stdout.toString()).toBe('');
    expect(r.stderr.toString()).toMatch(/^ortop: the monitor needs a terminal.*--snapshot.*\n$/);
  });

  async function inPty(TERM: string, args: string[], until?: (out: string) => boolean): Promise<{ out: string; code: number | undefined }> {
    const pty = spawnInPty(process.execPath, [CLI, ...args], { cols: 100, rows: 30, env: { ...ENV, TERM } });
    let out = '';
    let exited = false;
    pty.onChunk((c) => (out += c.bytes.toString('latin1')));
    void pty.exited.then(() => (exited = true));
    try {
      await pollUntil(`ortop with TERM=${TERM}`, () => exited || (until?.(out) ?? false), 15_000);
    } finally {
      await pty.stop();
    }
    return { out, code: (await pty.exited)?.code };
  }

  it('TERM=dumb: refuses the full screen with the same hint, exit 2', async () => {
    const { out, code } = await inPty('dumb', ['--demo']);
    expect(code).toBe(2);
    expect(out).toMatch(/ortop: TERM=dumb cannot show the full-screen monitor\. Use --snapshot/);
    expect(out).not.toContain('\x1b[?1049h');
  });

  /** SGR colour parameters (30-37, 38;5;n, 40-47, 48;5;n, 90-97, 100-107) in the bytes. */
  const colourCodes = (bytes: string) =>
    [...bytes.matchAll(/\x1b\[([\d;]*)m/g)].flatMap((m) => m[1]!.split(';').filter((p) => /^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$/.test(p)));

  it('TERM=xterm-mono (terminfo: no colours): the screen is drawn without colour; xterm-256color with', async () => {
    // blessed moves the cursor over spaces (ESC [1C), so look for single words of the header and log title.
    const drawn = (out: string) => out.includes('ortopDemo') && out.includes('Events');
    const mono = await inPty('xterm-mono', ['--demo'], drawn);
    expect(drawn(mono.out)).toBe(true);
    expect(colourCodes(mono.out)).toEqual([]);
    const colour = await inPty('xterm-256color', ['--demo'], drawn);
    expect(drawn(colour.out)).toBe(true);
    expect(colourCodes(colour.out).length).toBeGreaterThan(0);
  });
});
