// Nyx's own config file (~/.nyx/config): read when ortop has no config of its own and -c was not
// given, with a notice naming both files; never when ortop has one or -c names one. README's
// "Config file" section names every key ortop honours and every Nyx key it ignores.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, HONOURED_KEYS, IGNORED_NYX_KEYS, IGNORED_NYX_PREFIXES, loadConfig, nyxConfigPath, parseConfig } from '../../src/config/index.js';

const ROOT = new URL('../..', import.meta.url).pathname;

function home(nyxrc?: string | 'directory'): { dir: string; own: string; nyx: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ortop-nyx-'));
  const nyx = join(dir, '.nyx', 'config');
  if (nyxrc === 'directory') mkdirSync(nyx, { recursive: true });
  else if (nyxrc !== undefined) {
    mkdirSync(join(dir, '.nyx'));
    writeFileSync(nyx, nyxrc);
  }
  return { dir, own: join(dir, '.config', 'ortop', 'config'), nyx };
}

describe("Nyx's config as the fallback", () => {
  it('is ~/.nyx/config', () => {
    expect(nyxConfigPath({ HOME: '/home/relay' })).toBe('/home/relay/.nyx/config');
  });

  it("is read when ortop has no config file, with a notice naming it; its line warnings name Nyx's file", async () => {
    const h = home('# my nyxrc\nshow_bits true\ngraph_height 3\nlogged_events NOTICE, WARN, ERR, NYX_NOTICE, NYX_WARNING, NYX_ERROR\ncolor_override red\nattr.flag_colors Guard => green\nfoo_bar 1\n');
    const config = await loadConfig(h.own, false, { nyxConfig: h.nyx });
    expect(config).toMatchObject({ found: true, nyx: true, path: h.nyx });
    expect(config.settings).toMatchObject({ showBits: true, graphHeight: 3, loggedEvents: ['NOTICE', 'WARN', 'ERR', 'ORTOP_NOTICE', 'ORTOP_WARN', 'ORTOP_ERR'] });
    expect(config.warnings.map((w) => w.message)).toEqual([
      `there is none, so Nyx's config file ${h.nyx} was read instead (the nyxrc keys ortop knows are used; copy it to ${h.own} to make it ortop's own)`,
      `${h.nyx} line 7: unknown setting "foo_bar" (ignored)`,
    ]);
  });

  it("is not read when ortop has a config file, or one is named with -c", async () => {
    const h = home('show_bits true\n');
    mkdirSync(join(h.dir, '.config', 'ortop'), { recursive: true });
    writeFileSync(h.own, 'graph_height 9\n');
    const own = await loadConfig(h.own, false, { nyxConfig: h.nyx });
    expect(own).toMatchObject({ found: true, nyx: false, path: h.own, warnings: [] });
    expect(own.settings).toMatchObject({ showBits: false, graphHeight: 9 });
    const named = await loadConfig(join(h.dir, 'missing'), true, { nyxConfig: h.nyx });
    expect(named).toMatchObject({ found: false, nyx: false, settings: DEFAULT_SETTINGS });
    expect(named.warnings.map((w) => w.message)).toEqual([`cannot read config file ${join(h.dir, 'missing')}: no such file; using defaults`]);
  });

  it('an unreadable Nyx config is one warning naming it; no Nyx config is silence', async () => {
    const broken = home('directory');
    const config = await loadConfig(broken.own, false, { nyxConfig: broken.nyx });
    expect(config).toMatchObject({ found: false, nyx: false, settings: DEFAULT_SETTINGS });
    expect(config.warnings.map((w) => w.message)).toEqual([`there is none; Nyx's config file ${broken.nyx} is there but cannot be read: it is a directory; using defaults`]);
    const none = home();
    expect(await loadConfig(none.own, false, { nyxConfig: none.nyx })).toMatchObject({ found: false, nyx: false, warnings: [], settings: DEFAULT_SETTINGS });
  });

  it('the built CLI reads it from $HOME and says so before the snapshot', () => {
    const h = home('show_bits true\n');
    const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), '--demo', '--snapshot', '--wait', '0.3', '--size', '100x20'], {
      env: { PATH: process.env.PATH, HOME: h.dir, LANG: 'C.UTF-8' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`ortop: config ${h.own}: there is none, so Nyx's config file ${h.nyx} was read instead (the nyxrc keys ortop knows are used; copy it to ${h.own} to make it ortop's own)\n`);
    expect(r.stdout).toMatch(/Bandwidth \(limit: \d+ Mb\/s/);
  });
});

describe('README documents the nyxrc keys', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Config file'), readme.indexOf('\n### ', readme.indexOf('### Config file') + 1));

  it('every key ortop honours, and only those are honoured', () => {
    for (const key of HONOURED_KEYS) {
      expect(section, key).toContain(`\`${key}\``);
      expect(parseConfig(`${key} true`).warnings.map((w) => w.message).join(), key).not.toContain('unknown setting');
    }
    expect(parseConfig('no_such_key 1').warnings.map((w) => w.message)).toEqual(['line 1: unknown setting "no_such_key" (ignored)']);
  });

  it('every Nyx key it ignores, and password', () => {
    for (const key of [...IGNORED_NYX_KEYS, ...IGNORED_NYX_PREFIXES.map((p) => `${p}*`), 'password']) expect(section, key).toContain(`\`${key}\``);
  });
});
