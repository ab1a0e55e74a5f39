// Reading the user's config file: missing is silent unless named with -c; unreadable, binary, huge,
// a directory each give one warning and the defaults; a pipe (-c <(…)) is read; a file that is not
// a config at all (a torrc) gives a capped list of warnings. The file is never renamed or written.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFIG_MAX_WARNINGS, DEFAULT_SETTINGS, loadConfig } from '../../src/config/index.js';

let dirs: string[] = [];
const scratch = () => {
  const d = mkdtempSync(join(tmpdir(), 'ortop-config-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

const messages = (c: { warnings: readonly { message: string }[] }) => c.warnings.map((w) => w.message);

describe('loadConfig', () => {
  it('reads a config; a missing one is silent by default and a warning when named with -c', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'config'), 'show_bits true\n');
    const found = await loadConfig(join(dir, 'config'), true);
    expect(found).toMatchObject({ found: true, warnings: [] });
    expect(found.settings.showBits).toBe(true);
    expect(await loadConfig(join(dir, 'none'), false, { nyxConfig: null })).toMatchObject({ found: false, warnings: [], settings: DEFAULT_SETTINGS });
    expect(messages(await loadConfig(join(dir, 'none'), true))).toEqual([`cannot read config file ${join(dir, 'none')}: no such file; using defaults`]);
  });

  it.each([
    ['binary junk', (p: string) => writeFileSync(p, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00])), 'it holds binary data (a NUL byte at offset 7), not text'],
    ['UTF-16', (p: string) => writeFileSync(p, Buffer.from('\ufeffshow_bits true\n', 'utf16le')), 'it holds binary data (a NUL byte at offset 3), not text'],
    ['a huge file', (p: string) => (writeFileSync(p, ''), truncateSync(p, 2 * 1024 ** 3)), 'it is 2.0 GiB, more than the 1.0 MiB ortop reads from it'],
    ['a directory', (p: string) => mkdirSync(p), 'it is a directory'],
  ])('%s: one warning, the defaults, and the file left as it is', async (_name, make, problem) => {
    const dir = scratch();
    const path = join(dir, 'config');
    make(path);
    const before = statSync(path);
    const config = await loadConfig(path, false);
    expect(config).toMatchObject({ found: false, settings: DEFAULT_SETTINGS });
    expect(messages(config)).toEqual([`cannot read config file ${path}: ${problem}; using defaults`]);
    expect(readdirSync(dir)).toEqual(['config']);
    expect(statSync(path).mtimeMs).toBe(before.mtimeMs);
  });

  it('unreadable (EACCES): one warning and the defaults', async () => {
    const open = async () => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    };
    const config = await loadConfig('/home/u/.config/ortop/config', false, { open });
    expect(messages(config)).toEqual(['cannot read config file /home/u/.config/ortop/config: permission denied; using defaults']);
    expect(config.settings).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps a file with a Latin-1 comment (not UTF-8, but text)', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'config'), Buffer.from('# configuraci\xf3n\nshow_bits true\n', 'latin1'));
    const config = await loadConfig(join(dir, 'config'), true);
    expect(config).toMatchObject({ found: true, warnings: [] });
    expect(config.settings.showBits).toBe(true);
  });

  it('reads a config given as a pipe (ortop -c <(…))', async () => {
    const dir = scratch();
    const fifo = join(dir, 'fd63');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `printf 'graph_height 12\\n' > '${fifo}'`]);
    const exited = new Promise((resolve) => writer.once('exit', resolve));
    const config = await loadConfig(fifo, true);
    await exited;
    expect(config.settings.graphHeight).toBe(12);
  });

  it('a torrc given as the config: the first warnings and a count of the rest', async () => {
    const dir = scratch();
    const torrc = Array.from({ length: 50 }, (_, i) => `SocksPort ${9000 + i}`).join('\n');
    writeFileSync(join(dir, 'torrc'), torrc);
    const config = await loadConfig(join(dir, 'torrc'), true);
    expect(config.warnings).toHaveLength(CONFIG_MAX_WARNINGS + 1);
    expect(config.warnings[0]!.message).toBe('line 1: unknown setting "SocksPort" (ignored)');
    expect(config.warnings.at(-1)!.message).toBe('30 more lines with problems not shown (is this an ortop/nyx config file?)');
    expect(readFileSync(join(dir, 'torrc'), 'utf8')).toBe(torrc);
  });
});
