// The man page and the shell completions come from the program --help prints, and stay in step:
// the committed files are what scripts/man-page.ts renders now, the man page lists every option
// the built CLI's --help lists (and its exit status), and bash and zsh really complete those options.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { optionDocs, renderBashCompletion, renderManPage, renderZshCompletion } from '../../scripts/cli-docs.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const CLI = join(ROOT, 'dist/cli.js');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The built CLI's --help, and the option flags it lists ("-i", "--interface", …). */
function helpOfBuiltCli(): { text: string; flags: string[] } {
  const text = execFileSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
  const section = text.slice(text.indexOf('Options:'), text.indexOf('\n\n', text.indexOf('Options:')));
  const flags = [...section.matchAll(/^ {2}(?:(-\w), )?(--[\w-]+)/gm)].flatMap((m) => (m[1] === undefined ? [m[2]!] : [m[1], m[2]!]));
  return { text, flags };
}

/** The man page as man(1) shows it: plain text, one long line per paragraph. */
function renderedManPage(): string {
  return execFileSync('man', ['-l', join(ROOT, 'man/ortop.1')], { encoding: 'utf8', env: { ...process.env, MANWIDTH: '400', MAN_KEEP_FORMATTING: '' } });
}

describe('generated files are up to date (npm run docs)', () => {
  it.each([
    ['man/ortop.1', renderManPage],
    ['completion/ortop.bash', renderBashCompletion],
    ['completion/_ortop', renderZshCompletion],
  ])('%s', (path, render) => {
    expect(read(path)).toBe(render());
  });

  it('package.json installs the man page and ships the completions', () => {
    const pkg = JSON.parse(read('package.json')) as { man: string[]; files: string[] };
    expect(pkg.man).toEqual(['./man/ortop.1']);
    expect(pkg.files).toEqual(expect.arrayContaining(['man', 'completion']));
  });
});

const manTools = spawnSync('man', ['--version']).status === 0 && spawnSync('groff', ['--version']).status === 0;
if (!manTools && process.env.ORTOP_REQUIRE_TOR === '1') throw new Error('man or groff not installed, and CI must run these tests (apt-get install man-db groff-base)');
if (!manTools) process.stderr.write('skipped: man or groff not installed (apt-get install man-db groff)\n');

describe.skipIf(!manTools)('the man page', () => {
  it('lists every option --help lists, with its value, and nothing --help does not', () => {
    const { flags } = helpOfBuiltCli();
    expect(flags.length).toBeGreaterThanOrEqual(19);
    const page = renderedManPage();
    const options = page.slice(page.indexOf('\nOPTIONS'), page.indexOf('\nEXIT STATUS'));
    for (const flag of flags) expect(options, flag).toMatch(new RegExp(`(^|[ ,])${flag}([ ,]|$)`, 'm'));
    const manFlags = [...options.matchAll(/^ {7}(?:(-\w), )?(--[\w-]+)/gm)].flatMap((m) => (m[1] === undefined ? [m[2]!] : [m[1], m[2]!]));
    expect(manFlags.sort()).toEqual([...flags].sort());
    expect(options).toContain('--page <name>');
    expect(options).toMatch(/snapshot page \(choices: "relays", "graph", "connections", "config", "torrc", "interpreter", "health", default: "graph"\)/);
  });

  it('has the exit status --help has: 0, 1, and 2 for usage errors', () => {
    const { text } = helpOfBuiltCli();
    const help = text.slice(text.indexOf('Exit status:'));
    const page = renderedManPage();
    const status = page.slice(page.indexOf('\nEXIT STATUS'), page.indexOf('\nENVIRONMENT'));
    for (const code of ['0', '1', '2']) {
      expect(help).toMatch(new RegExp(`^ {2}${code} {2}\\S`, 'm'));
      expect(status).toMatch(new RegExp(`^ {7}${code} +\\S`, 'm'));
    }
    expect(help).toMatch(/2 {2}a usage error/);
    expect(status).toMatch(/2 +a usage error: an unknown option/);
  });

  it('is clean roff: groff reports no warnings, and no line starts with a stray control character', () => {
    const r = spawnSync('groff', ['-man', '-ww', '-z', join(ROOT, 'man/ortop.1')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const page = renderedManPage();
    expect(page).toMatch(/^NAME\n +ortop - terminal monitor for Tor relays and clients$/m);
    expect(page).not.toMatch(/\\f|\\-|\\e/);
  });
});

/** What bash's completion offers for the words typed so far (the last one being completed). */
function bashComplete(words: string[], cwd = ROOT): string[] {
  const script = `source ${JSON.stringify(join(ROOT, 'completion/ortop.bash'))}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _ortop; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['--norc', '--noprofile', '-c', script], { encoding: 'utf8', cwd }).split('\n').filter((l) => l !== '');
}

describe('bash completion', () => {
  it('offers exactly the options --help lists', () => {
    expect(bashComplete(['ortop', '-']).sort()).toEqual(helpOfBuiltCli().flags.sort());
    expect(bashComplete(['ortop', '--sn'])).toEqual(['--snapshot']);
  });

  it("offers an option's choices, file names where a path goes, and nothing to guess for a port", () => {
    expect(bashComplete(['ortop', '--page', ''])).toEqual(['relays', 'graph', 'connections', 'config', 'torrc', 'interpreter', 'health']);
    expect(bashComplete(['ortop', '--snapshot', 's'])).toEqual(['svg']);
    expect(bashComplete(['ortop', '--snapshot', '--pa'])).toEqual(['--page']);
    const dir = mkdtempSync(join(tmpdir(), 'ortop-completion-'));
    writeFileSync(join(dir, 'session.jsonl'), '');
    writeFileSync(join(dir, 'other.txt'), '');
    expect(bashComplete(['ortop', '--replay', 'ses'], dir)).toEqual(['session.jsonl']);
    expect(bashComplete(['ortop', '-c', 'oth'], dir)).toEqual(['other.txt']);
    expect(bashComplete(['ortop', '-i', ''])).toEqual([]);
  });
});

const zsh = spawnSync('zsh', ['--version']).status === 0;
if (!zsh && process.env.ORTOP_REQUIRE_TOR === '1') throw new Error('zsh not installed, and CI must run these tests (apt-get install zsh)');
if (!zsh) process.stderr.write('skipped: zsh not installed (apt-get install zsh)\n');

/** What zsh's completion system offers (word and description) after pressing Tab on the line. */
function zshComplete(line: string, cwd = ROOT): string[] {
  const out = execFileSync('zsh', ['-f', join(ROOT, 'test/helpers/zsh-complete.zsh'), join(ROOT, 'completion'), line], { encoding: 'utf8', cwd, timeout: 20_000 });
  return out.split(/\r?\n/).filter((l) => l !== '');
}

describe.skipIf(!zsh)('zsh completion', () => {
  it('offers exactly the options --help lists, each with its description', () => {
    const offered = zshComplete('ortop -');
    expect(offered.map((l) => l.split(' -- ')[0]!).sort()).toEqual(helpOfBuiltCli().flags.sort());
    // zsh lists "--long -- --long   description", the description cut at the terminal's width.
    for (const o of optionDocs()) {
      const shown = offered.find((l) => l.startsWith(`${o.long} -- `))?.replace(/^\S+ -- \S+ +/, '');
      expect(shown, o.long).toBeDefined();
      expect(shown!.length, o.long).toBeGreaterThan(10);
      expect(o.description.startsWith(shown!), `${o.long}: ${shown}`).toBe(true);
    }
    expect(offered.find((l) => l.startsWith('--wait -- '))).toMatch(/snapshot: seconds to collect before drawing$/);
    expect(offered.find((l) => l.startsWith('--config -- '))).toMatch(/ortop's config file$/);
  }, 30_000);

  it("offers an option's choices and file names where a path goes", () => {
    expect(zshComplete('ortop --page ').map((l) => l.split(' -- ')[0])).toEqual(['relays', 'graph', 'connections', 'config', 'torrc', 'interpreter', 'health']);
    expect(zshComplete('ortop --snapshot=').map((l) => l.split(' -- ')[0])).toEqual(['--snapshot=text', '--snapshot=ansi', '--snapshot=svg', '--snapshot=json']);
    const dir = mkdtempSync(join(tmpdir(), 'ortop-completion-'));
    writeFileSync(join(dir, 'session.jsonl'), '');
    expect(zshComplete('ortop --replay ses', dir).map((l) => l.split(' -- ')[0])).toEqual(['session.jsonl']);
  }, 60_000);
});
