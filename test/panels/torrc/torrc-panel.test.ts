// Torrc page snapshots: a torrc with two included files and validation marks, with and without
// line numbers and comments, at 80x25 and 160x40; 1x1; hostile bytes made visible; keys.
import blessed from 'blessed';
import { afterEach, describe, expect, it } from 'vitest';
import { drawTorrcPage, initialTorrcView, reduceTorrcKey, selectTorrcPage, type TorrcPageModel, type TorrcView } from '../../../panels/torrc/index.js';
import { parseTorrc, resolveOptionAliases, unlistedNames, validateTorrc, type TorrcDocument } from '../../../src/relay/torrc/index.js';
import { createFakeTerminal, formatStyleRuns, gridText, readGrid, type FakeTerminal } from '../../../src/terminal/index.js';
import { expectXtermAgrees, xtermRows } from '../../helpers/xterm.js';

let term: FakeTerminal | undefined;
afterEach(async () => {
  await term?.destroy();
  term = undefined;
});

const MAIN = [
  '## Relay configuration for snowfall',
  '',
  'Nickname snowfall',
  'ORPort 9001',
  'ContactInfo op <op AT example dot org>   # published',
  'ExitRelay 0',
  'SocksPort 0',
  'SocksPort 0',
  'BandwidthRate 2 MB',
  'CookieAuthentication 0',
  'MaxConn 2000',
  'RelayBandwitdhRate 1 MB',
  'Log notice file /var/log/tor/notices.log',
  '%include /etc/tor/torrc.d/*.conf',
].join('\n');

function sampleDoc(main = MAIN): TorrcDocument {
  return {
    mainPath: '/etc/tor/torrc',
    sections: [
      { path: '/etc/tor/torrc', parsed: parseTorrc(main), depth: 0 },
      { path: '/etc/tor/torrc.d/10-family.conf', parsed: parseTorrc('# family\nMyFamily $A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2\n'), depth: 1, includedFrom: { section: 0, lineNo: 14 } },
      { path: '/etc/tor/torrc.d/20-limits.conf', parsed: parseTorrc('Nickname frost\nAccountingMax 0 bytes\n'), depth: 1, includedFrom: { section: 0, lineNo: 14 } },
      { path: '/etc/tor/torrc.d/30-secret.conf', parsed: undefined, error: 'EACCES: permission denied', depth: 1, includedFrom: { section: 0, lineNo: 14 } },
    ],
  };
}

const TYPES = new Map(
  [
    ['Nickname', 'String'], ['ORPort', 'Dependent'], ['ContactInfo', 'String'], ['ExitRelay', 'Boolean+Auto'], ['SocksPort', 'Dependent'],
    ['BandwidthRate', 'DataSize'], ['CookieAuthentication', 'Boolean'], ['ConnLimit', 'Integer'], ['Log', 'LineList'], ['MyFamily', 'LineList'], ['AccountingMax', 'DataSize'],
  ].map(([n, t]) => [n!.toLowerCase(), { name: n!, type: t! }]),
);

function sampleModel(doc = sampleDoc()): TorrcPageModel {
  const aliases = resolveOptionAliases(unlistedNames(doc, TYPES), TYPES);
  const running = new Map<string, string[]>([
    ['nickname', ['frost']], ['orport', ['9001']], ['contactinfo', ['op <op AT example dot org>']], ['exitrelay', ['0']], ['socksport', ['0', '0']],
    ['bandwidthrate', ['1048576']], ['cookieauthentication', ['0']], ['connlimit', ['2000']], ['log', ['notice file /var/log/tor/notices.log']],
    ['myfamily', ['$A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2']], ['accountingmax', ['0']],
  ]);
  const defaults = new Map([['cookieauthentication', ['0']], ['accountingmax', ['0 bytes']], ['exitrelay', ['auto']]]);
  return { status: { kind: 'ready', doc }, marks: validateTorrc(doc, { types: TYPES, aliases, running, defaults }), validation: { kind: 'done' } };
}

async function render(model: TorrcPageModel, view: TorrcView, cols: number, rows: number) {
  const t = createFakeTerminal({ cols, rows });
  const box = blessed.box({ parent: t.screen, top: 0, left: 0, width: cols, height: rows, tags: true, wrap: false });
  drawTorrcPage(box, selectTorrcPage(model, view, cols, rows).lines, { colors: true });
  await t.settle();
  return { term: t, grid: readGrid(t.screen) };
}

const VIEWS: Record<string, TorrcView> = {
  marks: initialTorrcView(),
  'no-comments': { ...initialTorrcView(), showComments: false, showLineNumbers: false },
};

describe('torrc page snapshots', () => {
  for (const [name, view] of Object.entries(VIEWS)) {
    for (const [cols, rows] of [
      [80, 25],
      [160, 40],
    ] as const) {
      it(`${name} at ${cols}x${rows}`, async () => {
        const r = await render(sampleModel(), view, cols, rows);
        term = r.term;
        await expect(gridText(r.grid)).toMatchFileSnapshot(`__snapshots__/torrc-${name}.${cols}x${rows}.txt`);
        if (cols === 80) await expect(formatStyleRuns(r.grid)).toMatchFileSnapshot(`__snapshots__/torrc-${name}.${cols}x${rows}.styles.txt`);
        await expectXtermAgrees(r.term, r.grid);
      });
    }
  }

  it('marks each problem on its line with its reason', async () => {
    const r = await render(sampleModel(), initialTorrcView(), 160, 40);
    term = r.term;
    const text = gridText(r.grid);
    expect(text).toMatch(/3 Nickname snowfall +◀ Nickname is set again at line 1 of \/etc\/tor\/torrc.d\/20-limits.conf/);
    expect(text).toMatch(/8 SocksPort 0 +◀ same SocksPort line as line 7/);
    expect(text).toMatch(/9 BandwidthRate 2 MB +◀ tor runs with 1 MB/);
    expect(text).toMatch(/10 CookieAuthentication 0 +◀ same as tor's default/);
    expect(text).toMatch(/11 MaxConn 2000 +◀ old name: tor reads this as ConnLimit/);
    expect(text).toMatch(/12 RelayBandwitdhRate 1 MB +◀ this tor has no option "RelayBandwitdhRate"/);
    expect(text).toContain('%include /etc/tor/torrc.d/10-family.conf (from /etc/tor/torrc line 14)');
    expect(text).toContain('cannot read /etc/tor/torrc.d/30-secret.conf: EACCES: permission denied');
    expect(text).toContain('Validation: 1 file not read, 1 unknown, 1 differ from tor, 2 duplicate, 1 abbreviated, 2 default value');
  });

  it('shows control characters in the file instead of sending them to the terminal', async () => {
    const doc = sampleDoc('Nickname evil\x1b[2Jx\nContactInfo a\tb {bold}c \u202eevil\x07\n');
    const r = await render(sampleModel(doc), initialTorrcView(), 100, 12);
    term = r.term;
    const bytes = r.term.bytes();
    expect(bytes).not.toContain('evil\x1b');
    expect(bytes).not.toContain('evil\x07');
    expect(bytes).not.toContain('\u202e');
    const text = (await xtermRows(bytes, 100, 12)).join('\n');
    expect(text).toContain('Nickname evil\u241b[2Jx');
    expect(text).toContain('ContactInfo a   b {bold}c <U+202E>evil\u2407');
  });

  it('tells why there is no file, and survives 1x1', async () => {
    const missing: TorrcPageModel = { status: { kind: 'unavailable', message: 'tor at 10.0.0.1:9051 runs on another machine: its torrc (/etc/tor/torrc) cannot be read from here.' }, marks: [], validation: { kind: 'pending' } };
    const r = await render(missing, initialTorrcView(), 80, 25);
    term = r.term;
    expect(gridText(r.grid)).toContain('runs on another machine');
    for (const model of [sampleModel(), missing]) {
      for (const [c, h] of [[1, 1], [3, 2], [20, 3]] as const) {
        const s = selectTorrcPage(model, initialTorrcView(), c, h);
        expect(s.lines.length).toBeLessThanOrEqual(h);
      }
    }
    const tiny = await render(sampleModel(), initialTorrcView(), 1, 1);
    expect(gridText(tiny.grid).length).toBeLessThanOrEqual(1);
    await tiny.term.destroy();
  });
});

const LONG_LINES = [
  '# Exits for the common web ports only; everything else is rejected, including the private ranges tor would reject anyway',
  'ExitPolicy accept *:80, accept *:443, accept *:8080, accept *:8443, accept [::]:80, accept [::]:443, reject *:*',
  'MyFamily $A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2,$0123456789ABCDEF0123456789ABCDEF01234567,$FEDCBA9876543210FEDCBA9876543210FEDCBA98',
  'Nickname snowfall',
].join('\n');

const longModel = (): TorrcPageModel => ({ status: { kind: 'ready', doc: { mainPath: '/etc/tor/torrc', sections: [{ path: '/etc/tor/torrc', parsed: parseTorrc(LONG_LINES), depth: 0 }] } }, marks: [], validation: { kind: 'done' } });
const textOf = (lines: ReadonlyArray<ReadonlyArray<{ text: string }>>) => lines.map((l) => l.map((s) => s.text).join(''));

describe('torrc long lines', () => {
  for (const [cols, rows] of [
    [80, 25],
    [160, 40],
  ] as const) {
    it(`wraps them with a continuation mark at ${cols}x${rows}`, async () => {
      const r = await render(longModel(), initialTorrcView(), cols, rows);
      term = r.term;
      await expect(gridText(r.grid)).toMatchFileSnapshot(`__snapshots__/torrc-long-lines.${cols}x${rows}.txt`);
      if (cols === 80) await expect(formatStyleRuns(r.grid)).toMatchFileSnapshot(`__snapshots__/torrc-long-lines.${cols}x${rows}.styles.txt`);
      await expectXtermAgrees(r.term, r.grid);
    });
  }

  it('loses nothing: every word of every line is on screen, fingerprints whole, at any width', () => {
    for (const width of [30, 47, 64, 80, 121]) {
      for (const view of [initialTorrcView(), { ...initialTorrcView(), showLineNumbers: false }]) {
        const lines = textOf(selectTorrcPage(longModel(), view, width, 60).lines.slice(2));
        for (const l of lines) expect(l.length).toBeLessThanOrEqual(width);
        const words = lines.flatMap((l) => l.split(/\s+/));
        for (const word of LONG_LINES.split(/\s+/)) if (word.length <= width - 4) expect(words, `${word} at ${width}`).toContain(word);
        expect(lines.filter((l) => l.trimStart().startsWith('↪')).length).toBeGreaterThan(0);
      }
    }
  });

  it('scrolls by display line, and end shows the last line', () => {
    const all = textOf(selectTorrcPage(longModel(), initialTorrcView(), 40, 100).lines.slice(2));
    const scrolled = selectTorrcPage(longModel(), { ...initialTorrcView(), scroll: 1 }, 40, 6);
    expect(textOf(scrolled.lines.slice(2))).toEqual(all.slice(1, 5));
    const end = selectTorrcPage(longModel(), reduceTorrcKey(initialTorrcView(), 'end').view, 40, 6);
    expect(textOf(end.lines).at(-1)).toBe(all.at(-1));
  });
});

describe('torrc keys', () => {
  it('toggles line numbers and comments and scrolls within the file', () => {
    let view = initialTorrcView();
    view = reduceTorrcKey(view, 'l').view;
    expect(view.showLineNumbers).toBe(false);
    view = reduceTorrcKey(view, 's').view;
    expect(view.showComments).toBe(false);
    expect(reduceTorrcKey(view, 'q').used).toBe(false);
    const end = selectTorrcPage(sampleModel(), reduceTorrcKey(initialTorrcView(), 'end').view, 80, 10);
    expect(end.scroll).toBeGreaterThan(0);
    expect(gridLast(end.lines)).toContain('cannot read');
    const down = selectTorrcPage(sampleModel(), { ...initialTorrcView(), scroll: 2 }, 80, 10);
    expect(down.scroll).toBe(2);
  });
});

function gridLast(lines: ReadonlyArray<ReadonlyArray<{ text: string }>>): string {
  return lines.at(-1)!.map((s) => s.text).join('');
}
