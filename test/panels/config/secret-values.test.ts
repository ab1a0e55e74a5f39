// On screen, for EVERY option in the table of secret options: page 3 shows "<set, hidden>" in the
// list and the detail box, does not find the option by its value, does not prefill or echo it in the
// edit prompt; page 4 and page 3's save popup show "<hidden>" in place of the value (abbreviated names
// and continued lines too); the torrc check never quotes it. Adding an option to the table tests it here.
import { describe, expect, it } from 'vitest';
import { reduceConfigKey, selectConfigPage } from '../../../panels/config/index.js';
import { selectSaveTorrcPopup } from '../../../panels/popups/save-torrc.js';
import { initialTorrcView, selectTorrcPage } from '../../../panels/torrc/index.js';
import { SECRET_OPTIONS } from '../../../src/protocol/index.js';
import { buildConfigOptions, editPrefill, filterConfigOptions, type ConfigOption } from '../../../src/relay/config/index.js';
import { collectTorrcValues, parseTorrc, validateTorrc } from '../../../src/relay/torrc/index.js';
import type { Line } from '../../../src/terminal/theme.js';
import { viewWith } from './config-panel-fixtures.js';

const SECRET = 's3cretPW';
const text = (lines: readonly Line[]) => lines.map((l) => l.map((s) => s.text).join('')).join('\n');

function optionsWithSecret(name: string): ConfigOption[] {
  return buildConfigOptions({
    names: [
      { name, type: 'String' },
      { name: 'Nickname', type: 'String' },
    ],
    defaults: new Map([[name, [`default-${SECRET}`]]]),
    configText: collectTorrcValues(parseTorrc(`${name} ${SECRET}\nNickname snowfall\n`).entries),
  });
}

describe.each(SECRET_OPTIONS.map((o) => o.name))('%s on screen', (name) => {
  it('page 3: list row and detail box say "<set, hidden>", never the value', () => {
    const rows = optionsWithSecret(name);
    const view = viewWith({ showAll: true, selected: name });
    const page = selectConfigPage({ status: { kind: 'ready' }, rows, total: rows.length, manual: { kind: 'loading' } }, view, 160, 40, { unicode: true });
    const shown = text(page.lines);
    expect(shown).toContain(name);
    expect(shown).toContain('<set, hidden>');
    expect(shown).not.toContain(SECRET);
  });

  it('page 3: a search for the value does not find the option; the name still does', () => {
    const rows = optionsWithSecret(name);
    const filter = (search: string) => filterConfigOptions(rows, { showAll: true, showPrivate: true, showVirtual: false, search }).map((o) => o.name);
    expect(filter(SECRET.slice(0, 4))).toEqual([]);
    expect(filter(name.slice(2, 10))).toContain(name);
    expect(filter('snowfall')).toEqual(['Nickname']);
  });

  it('page 3: the edit prompt starts empty and shows what is typed as *', () => {
    const rows = optionsWithSecret(name);
    expect(editPrefill(rows[0]!)).toBe('');
    let view = viewWith({ showAll: true, selected: name });
    view = reduceConfigKey(view, 'enter', undefined, rows).view;
    for (const ch of 'newpw') view = reduceConfigKey(view, ch, ch, rows).view;
    expect(view.mode.kind).toBe('edit');
    const shown = text(selectConfigPage({ status: { kind: 'ready' }, rows, total: rows.length, manual: { kind: 'loading' } }, view, 160, 40, { unicode: true }).lines);
    expect(shown).toContain('*****');
    expect(shown).not.toContain('newpw');
    expect(shown).not.toContain(SECRET);
  });

  it("page 4 and the save popup: the value is <hidden>, keyword and comment kept, abbreviated and continued too", () => {
    const torrc = [`${name} ${SECRET}   # mine`, `${name.slice(0, -2)} "${SECRET}"`, `${name} first \\`, `  ${SECRET}`, 'Nickname snowfall'].join('\n');
    const doc = { mainPath: '/etc/tor/torrc', sections: [{ path: '/etc/tor/torrc', parsed: parseTorrc(torrc), depth: 0 }] };
    const page = text(selectTorrcPage({ status: { kind: 'ready', doc }, marks: [], validation: { kind: 'done' } }, initialTorrcView(), 160, 40).lines);
    expect(page).not.toContain(SECRET);
    expect(page).toContain(`${name} <hidden>   # mine`);
    expect(page).toContain('Nickname snowfall');
    const popup = selectSaveTorrcPopup({ stage: 'confirm', text: `${name} ${SECRET}\nNickname snowfall\n`, file: '/etc/tor/torrc', scroll: 0 }, { top: 0, left: 0, width: 120, height: 30 });
    const popupText = text(popup?.lines ?? []);
    expect(popupText).toContain(`${name} <hidden>`);
    expect(popupText).not.toContain(SECRET);
  });

  it("page 4's check says the value differs or is the default without quoting it", () => {
    const doc = { mainPath: '/etc/tor/torrc', sections: [{ path: '/etc/tor/torrc', parsed: parseTorrc(`${name} old-${SECRET}\n`), depth: 0 }] };
    const types = new Map([[name.toLowerCase(), { name, type: 'String' }]]);
    const differs = validateTorrc(doc, { types, aliases: new Map(), running: new Map([[name.toLowerCase(), [`new-${SECRET}`]]]), defaults: new Map() });
    // (onion-service options are never compared: they only take effect as a group)
    expect(differs.map((m) => m.kind)).toEqual(/^HiddenService/.test(name) ? [] : ['differs']);
    expect(JSON.stringify(differs)).not.toContain(SECRET);
    const same = validateTorrc(doc, { types, aliases: new Map(), running: new Map(), defaults: new Map([[name.toLowerCase(), [`old-${SECRET}`]]]) });
    expect(same.map((m) => m.kind)).toEqual(['default']);
    expect(JSON.stringify(same)).not.toContain(SECRET);
  });
});
