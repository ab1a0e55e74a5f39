// Config page snapshots (list with detail box, edit prompt, tor's refusal, sort and save popups,
// no manual) at 80x25 and 160x40, 1x1 without throwing, and the view reducer's key handling.
import { afterEach, describe, expect, it } from 'vitest';
import { createTextInput } from '../../../panels/popups/text-input.js';
import { noteEditResult, noteSavePreview, noteSaveResult, reduceConfigKey, selectConfigPage, type ConfigView } from '../../../panels/config/index.js';
import { formatStyleRuns, gridText, type FakeTerminal } from '../../../src/terminal/index.js';
import { expectXtermAgrees, xtermRows } from '../../helpers/xterm.js';
import { renderConfig, sampleModel, sampleOptions, viewWith } from './config-panel-fixtures.js';

let term: FakeTerminal | undefined;
afterEach(async () => {
  await term?.destroy();
  term = undefined;
});

const CONFIG_TEXT_TO_SAVE = 'BandwidthRate 1048576\nContactInfo op <op AT example dot org>\nLog notice file /var/log/tor/notices.log\nNickname snowfall\n';
const SCENARIOS: Record<string, () => ConfigView> = {
  list: () => viewWith({ selected: 'ContactInfo' }),
  'all-options': () => viewWith({ showAll: true, selected: 'MaxCircuitDirtiness' }),
  edit: () => viewWith({ selected: 'Nickname', mode: { kind: 'edit', name: 'Nickname', input: createTextInput({ value: 'snowfall' }), pending: false } }),
  refused: () =>
    noteEditResult(
      viewWith({ selected: 'BandwidthRate', mode: { kind: 'edit', name: 'BandwidthRate', input: createTextInput({ value: 'zz' }), pending: true } }),
      'BandwidthRate',
      '513 Unacceptable option value: Could not parse BandwidthRate: Provided value is malformed or out of bounds: Unable to parse zz as a number',
    ),
  sort: () => viewWith({ selected: 'Nickname', mode: { kind: 'sort', cursor: 2, picked: ['name'] } }),
  save: () =>
    noteSavePreview(viewWith({ mode: { kind: 'save', stage: 'loading', text: '', file: '', scroll: 0 } }), {
      text: CONFIG_TEXT_TO_SAVE,
      file: '/etc/tor/torrc',
      includes: ['/etc/tor/torrc.d'],
    }),
  'save-force': () =>
    noteSaveResult(
      noteSavePreview(viewWith({ mode: { kind: 'save', stage: 'loading', text: '', file: '', scroll: 0 } }), { text: CONFIG_TEXT_TO_SAVE, file: '/etc/tor/torrc', includes: [] }),
      { kind: 'needs-force', reason: 'Unable to write configuration to disk.' },
    ),
};

describe('config page snapshots', () => {
  for (const [name, makeView] of Object.entries(SCENARIOS)) {
    for (const [cols, rows] of [
      [80, 25],
      [160, 40],
    ] as const) {
      it(`${name} at ${cols}x${rows}`, async () => {
        const view = makeView();
        const r = await renderConfig(sampleModel(view), view, cols, rows);
        term = r.term;
        await expect(gridText(r.grid)).toMatchFileSnapshot(`__snapshots__/config-${name}.${cols}x${rows}.txt`);
        if (cols === 80) await expect(formatStyleRuns(r.grid)).toMatchFileSnapshot(`__snapshots__/config-${name}.${cols}x${rows}.styles.txt`);
        await expectXtermAgrees(r.term, r.grid);
      });
    }
  }

  it('says where descriptions would come from when no manual is installed', async () => {
    const view = viewWith({ selected: 'ContactInfo' });
    const model = sampleModel(view, sampleOptions(undefined, null), { kind: 'missing', reason: 'no tor(1) man page is installed on this machine', searched: ['/usr/share/man/man1/tor.1.gz', '/usr/share/man/man1/tor.1', 'man -w tor'] });
    const r = await renderConfig(model, view, 80, 25);
    term = r.term;
    await expect(gridText(r.grid)).toMatchFileSnapshot('__snapshots__/config-no-manual.80x25.txt');
    expect(gridText(r.grid).replace(/[│\s]+/g, ' ')).toContain('ortop takes descriptions from the tor(1) man page of this machine');
  });

  it('survives 1x1 and tiny sizes in every mode', async () => {
    for (const makeView of Object.values(SCENARIOS)) {
      for (const [cols, rows] of [[1, 1], [2, 3], [10, 4], [30, 8]] as const) {
        const view = makeView();
        const r = await renderConfig(sampleModel(view), view, cols, rows);
        const lines = gridText(r.grid).split('\n');
        expect(lines.length).toBeLessThanOrEqual(rows);
        expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(cols);
        await r.term.destroy();
      }
    }
  });

  it('never shows a password hash', async () => {
    const options = sampleOptions().map((o) => (o.name === 'Nickname' ? { ...o, name: 'HashedControlPassword', values: ['16:0123456789ABCDEF0123'] } : o));
    const view = viewWith({ selected: 'HashedControlPassword' });
    const r = await renderConfig(sampleModel(view, options), view, 120, 30);
    term = r.term;
    expect(gridText(r.grid)).toContain('<set, hidden>');
    expect(r.term.bytes()).not.toContain('0123456789ABCDEF');
  });

  it('lets no escape sequence or tag text from tor reach the terminal', async () => {
    const options = sampleOptions('Nickname evil\x1b[5;31m{bold}nick\nContactInfo "\\033]0;pwned\\007{red-fg}x"\n');
    const view = viewWith({ selected: 'ContactInfo' });
    const r = await renderConfig(sampleModel(view, options), view, 120, 30);
    term = r.term;
    const bytes = r.term.bytes();
    expect(bytes).not.toContain('\x1b[5;31m');
    expect(bytes).not.toContain('pwned');
    const shown = (await xtermRows(bytes, 120, 30)).join('\n');
    expect(shown).toContain('{red-fg}x');
    expect(shown).toContain('evil{bold}nick');
  });
});

describe('config view keys', () => {
  const rows = sampleModel(viewWith({})).rows;
  const press = (view: ConfigView, ...keys: Array<string | [string, string]>) => {
    let v = view;
    const commands = [];
    for (const k of keys) {
      const [key, ch] = typeof k === 'string' ? [k, k.length === 1 ? k : undefined] : k;
      const r = reduceConfigKey(v, key, ch, rows);
      v = r.view;
      commands.push(...r.commands);
    }
    return { view: v, commands };
  };

  it('moves the selection and toggles all options', () => {
    const start = viewWith({ selected: rows[0]!.name });
    expect(press(start, 'down', 'down').view.selected).toBe(rows[2]!.name);
    expect(press(start, 'end').view.selected).toBe(rows.at(-1)!.name);
    expect(press(start, 'a').view.showAll).toBe(true);
    expect(reduceConfigKey(start, 'q', 'q', rows).used).toBe(false);
  });

  it('Enter edits with the value prefilled; submitting sends one apply; the second "return" of Enter is harmless', () => {
    const { view, commands } = press(viewWith({ selected: 'Nickname' }), 'enter', 'return', 'C-u', 'f', 'r', 'o', 's', 't', 'enter', 'return');
    expect(commands).toEqual([{ kind: 'apply', plan: { kind: 'set', name: 'Nickname', values: ['frost'] } }]);
    expect(view.mode).toMatchObject({ kind: 'edit', pending: true });
    expect(noteEditResult(view, 'Nickname', undefined).mode).toEqual({ kind: 'list' });
    const refused = noteEditResult(view, 'Nickname', '553 no');
    expect(refused.mode).toMatchObject({ kind: 'error', text: '553 no' });
    expect(press(refused, 'x').view.mode).toEqual({ kind: 'list' });
  });

  it('an empty edit resets; Esc cancels; an unchanged value sends nothing', () => {
    expect(press(viewWith({ selected: 'Nickname' }), 'enter', 'C-u', 'enter').commands).toEqual([{ kind: 'apply', plan: { kind: 'reset', name: 'Nickname' } }]);
    expect(press(viewWith({ selected: 'Nickname' }), 'enter', 'escape').view.mode).toEqual({ kind: 'list' });
    const same = reduceConfigKey(press(viewWith({ selected: 'Nickname' }), 'enter').view, 'enter', undefined, rows);
    expect(same.commands).toEqual([]);
    expect(same.message).toBe('Nickname unchanged');
  });

  it('searches with /, sorts with s, saves with w then y, FORCE only after tor asked for it', () => {
    expect(press(viewWith({}), '/', 'c', 'o', 'n', 't', 'enter').view.search).toBe('cont');
    expect(press(viewWith({ search: 'x' }), 'escape').view.search).toBe('');
    expect(press(viewWith({}), 's', 'enter', 'down', 'enter', 'escape').view.sort).toEqual(['name', 'value']);
    expect(press(viewWith({}), 's', 'enter', 'down', 'enter', 'down', 'enter').view.sort).toEqual(['name', 'value', 'type']);
    const asked = press(viewWith({}), 'w');
    expect(asked.commands).toEqual([{ kind: 'load-save-preview' }]);
    const shown = noteSavePreview(asked.view, { text: 'Nickname x\n', file: '/etc/tor/torrc', includes: [] });
    expect(press(shown, 'y').commands).toEqual([{ kind: 'save', force: false }]);
    expect(press(shown, 'n').view.mode).toEqual({ kind: 'list' });
    const force = noteSaveResult(press(shown, 'y').view, { kind: 'needs-force', reason: 'Unable to write configuration to disk.' });
    expect(press(force, 'y').commands).toEqual([{ kind: 'save', force: true }]);
    expect(press(force, 'escape').commands).toEqual([]);
  });

  it('keeps the selection visible and reports the rows it drew', () => {
    const view = viewWith({ showAll: true, selected: 'PublishServerDescriptor', scroll: 0 });
    const model = sampleModel(view);
    const selection = selectConfigPage(model, view, 80, 12, { unicode: true });
    const index = model.rows.findIndex((r) => r.name === 'PublishServerDescriptor');
    expect(index).toBeGreaterThanOrEqual(selection.scroll);
    expect(index).toBeLessThan(selection.scroll + selection.listRows);
  });
});
