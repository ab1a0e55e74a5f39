// The tor(1) parser on a hand-written roff fixture (every shape the parser claims to read), on
// inline escapes, and on the manual installed on this machine (read at test time, never stored).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { categoryFromHeading, firstSentence, indexManual, parseTorManual, roffToText, parseRoffRuns, findTorManual, readManualText } from '../../../src/system/manual/index.js';
import { torRequirement } from '../../helpers/tor-required.js';

const FIXTURE = new URL('./fixtures/sample-tor.1', import.meta.url);
const manual = parseTorManual(readFileSync(FIXTURE, 'utf8'));
const byName = indexManual(manual);
const entry = (name: string) => {
  const e = byName.get(name.toLowerCase());
  if (e === undefined) throw new Error(`no entry ${name}`);
  return e;
};

describe('roff inline text', () => {
  it('turns escapes into text', () => {
    expect(roffToText('\\fBControlPort\\fR [\\fIaddress\\fR\\fB:\\fR]port\\&.')).toBe('ControlPort [address:]port.');
    expect(roffToText('don\\(cqt \\(em \\(lqq\\(rq \\*(Aqx\\*(Aq \\e \\- \\[u00E9] a\\~b \\s+1big\\s-1')).toBe('don\u2019t \u2014 \u201cq\u201d \'x\' \\ - \u00e9 a b big');
    expect(roffToText('\\h\'-04\' 1.\\h\'+01\'x')).toBe(' 1. x');
    expect(roffToText('text \\" a comment')).toBe('text ');
  });

  it('keeps fonts as runs and carries the font over lines', () => {
    const first = parseRoffRuns('\\fBName\\fR \\fIarg');
    expect(first.runs).toEqual([
      { text: 'Name', font: 'B' },
      { text: ' ', font: 'R' },
      { text: 'arg', font: 'I' },
    ]);
    expect(first.font).toBe('I');
    expect(parseRoffRuns('more\\fP', 'I').runs).toEqual([{ text: 'more', font: 'I' }]);
    expect(parseRoffRuns('joined\\c').continues).toBe(true);
  });
});

describe('parsing a man page', () => {
  it('finds every option entry in order, with its section as category', () => {
    expect(manual.entries.map((e) => e.name)).toEqual([
      'WidgetRate', 'GadgetPort', 'AlphaLevel', 'BetaLevel', 'GammaLevel', 'FirstName', 'SecondName', 'InlineThing', 'AfterInline',
      'ClientThing', 'OtherClientThing', 'IndentedThing', 'HiddenWidgetDir', 'DoSWidgetEnabled', 'SIGHUP',
    ]);
    expect(manual.categories).toEqual(['General', 'Client', 'Hidden Service', 'Denial of Service Mitigation', 'Signals']);
    expect(entry('HiddenWidgetDir').category).toBe('Hidden Service');
  });

  it('reads usage, summary and paragraphs of a docbook entry', () => {
    const e = entry('WidgetRate');
    expect(e.usage).toBe('N bytes|KBytes');
    expect(e.summary).toBe('Limits how fast widgets leave.');
    expect(e.description.map((p) => p.text)).toEqual([
      'Limits how fast widgets leave. It is the first sentence. This is the second one, e.g. with an abbreviation. (Default: 1 KByte)',
      'A second paragraph with bold words and a quote \u201clike this\u201d and an apostrophe: don\u2019t.',
    ]);
  });

  it('keeps nested items indented and examples preformatted', () => {
    expect(entry('GadgetPort').description).toEqual([
      { text: 'Opens a port for gadgets.', indent: 0 },
      { text: 'Recognized flags are:', indent: 0 },
      { text: 'Loud', indent: 0 },
      { text: 'Makes the gadget loud.', indent: 1 },
      { text: 'GadgetPort 9999 Loud\nGadgetPort auto', indent: 1, preformatted: true },
    ]);
  });

  it('gives names tagged on their own the next description, and splits "A, B" tag lines', () => {
    for (const name of ['AlphaLevel', 'BetaLevel', 'GammaLevel']) expect(entry(name).summary).toBe('These three levels share one description.');
    expect(entry('FirstName').usage).toBe('x');
    expect(entry('SecondName').usage).toBe('[y]');
    expect(entry('InlineThing')).toMatchObject({ usage: 'directory', summary: 'Configure the inline thing right on the tag line.' });
    expect(entry('AfterInline').description.map((p) => p.text)).toEqual(['Comes after an inline entry.', '1. A numbered note.']);
  });

  it('reads .TP and .IP entries of hand-written pages, and takes .ie n branches', () => {
    expect(entry('ClientThing')).toMatchObject({ usage: 'value', summary: 'Written as a hand-made page would, with .TP and a .B tag.' });
    expect(entry('ClientThing').description[0]!.text).toContain('Continues the same paragraph.');
    expect(entry('OtherClientThing').usage).toBe('0|1');
    expect(entry('IndentedThing').description.map((p) => p.text)).toEqual(['An indented paragraph naming an option.', '\u2022 A bullet that is not an option.']);
    expect(entry('HiddenWidgetDir').description[0]!.text).toBe("Stores hidden widgets in DIRECTORY. Escapes: a\\\\b, \u00e9t\u00e9, 'quoted', x y.");
  });

  it('names categories from headings and cuts summaries at the first sentence', () => {
    expect(categoryFromHeading('DENIAL OF SERVICE MITIGATION OPTIONS')).toBe('Denial of Service Mitigation');
    expect(categoryFromHeading('NON-PERSISTENT OPTIONS')).toBe('Non-Persistent');
    expect(firstSentence('Use e.g. this. Then that.')).toBe('Use e.g. this.');
    expect(firstSentence('No stop at all')).toBe('No stop at all');
    expect(firstSentence(`${'x'.repeat(300)}.`, 20)).toHaveLength(20);
  });

  it('returns nothing from text that is not a man page', () => {
    expect(parseTorManual('').entries).toEqual([]);
    expect(parseTorManual('just some words\n\\fBNotATag\\fR here\n').entries).toEqual([]);
  });
});

describe('the tor manual installed here', () => {
  // tor's package installs its manual: skipped (visibly) only where tor itself is allowed to be missing.
  const run = torRequirement.kind === 'skip' ? it.skip : it;
  if (torRequirement.kind === 'skip') process.stderr.write(`installed tor manual: ${torRequirement.message}\n`);
  run('is found, parsed and describes the options a relay operator edits', async () => {
    const found = await findTorManual();
    expect(found.path, `tor is installed but no tor(1) man page was found in ${found.searched.join(', ')}`).toBeDefined();
    const parsed = parseTorManual(await readManualText(found.path!));
    const index = indexManual(parsed);
    expect(parsed.entries.length).toBeGreaterThan(250);
    for (const name of ['ControlPort', 'ORPort', 'ContactInfo', 'BandwidthRate', 'ExitPolicy', 'Log', 'Nickname', 'HiddenServicePort']) {
      const e = index.get(name.toLowerCase());
      expect(e, name).toBeDefined();
      expect(e!.summary.length, name).toBeGreaterThan(10);
      expect(e!.category, name).not.toBe('');
    }
    expect(index.get('contactinfo')!.category).toBe('Server');
    expect(index.get('hiddenserviceport')!.category).toBe('Hidden Service');
    // Multi-name tags and names tagged alone before a shared description.
    expect(index.get('__controlport')).toBeDefined();
    expect(index.get('pathbiascircthreshold')?.summary).toBe(index.get('pathbiasscalethreshold')?.summary);
    // No roff left over in the text.
    for (const e of parsed.entries) for (const p of e.description) expect(p.text, e.name).not.toMatch(/\\f[BIRP]|\\\(|\\&/);
  });
});
