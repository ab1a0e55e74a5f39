// Interpreter page snapshots (a multi-line raw reply, a refusal, a completion list, the y/n
// question) at 80x25 and 160x40, 1x1, scrolling, and the key reducer.
import blessed from 'blessed';
import { afterEach, describe, expect, it } from 'vitest';
import { askConfirmation, drawInterpreterPage, initialInterpreterView, openInput, reduceInterpreterKey, selectInterpreterPage, type InterpreterView } from '../../../panels/interpreter/index.js';
import { setTextInputValue } from '../../../panels/popups/text-input.js';
import { appendEntry, emptyTranscript, helpLines, NO_HELP_KEYS, noteEntry, outputEntry, replyEntry, TOR_COMMANDS, type CompletionVocabulary, type Transcript } from '../../../src/relay/interpreter/index.js';
import { createFakeTerminal, formatStyleRuns, gridText, readGrid, type FakeTerminal } from '../../../src/terminal/index.js';
import { expectXtermAgrees, xtermRows } from '../../helpers/xterm.js';

let term: FakeTerminal | undefined;
afterEach(async () => {
  await term?.destroy();
  term = undefined;
});

const VOCAB: CompletionVocabulary = {
  commands: TOR_COMMANDS,
  infoKeys: ['config-file', 'config-text', 'config/names', 'config/defaults', 'config-can-saveconf', 'config-defaults-file', 'version'],
  options: ['Nickname'],
  events: ['BW'],
  signals: ['NEWNYM'],
  features: [],
};

function sampleTranscript(): Transcript {
  let t = emptyTranscript;
  const add = (e: Parameters<typeof appendEntry>[1]) => (t = appendEntry(t, e));
  add({ kind: 'command', text: 'GETINFO version config-text' });
  add(
    replyEntry({
      code: 250,
      lines: [
        { code: 250, separator: '-', text: 'version=0.4.9.11' },
        { code: 250, separator: '+', text: 'config-text=', data: 'BandwidthRate 1048576\nContactInfo op <op AT example dot org>\nLog notice file /var/log/tor/notices.log\nNickname snowfall\nORPort 9001' },
        { code: 250, separator: ' ', text: 'OK' },
      ],
    }),
  );
  add({ kind: 'command', text: 'SETCONF BandwidthRate=zz' });
  add(replyEntry({ code: 513, lines: [{ code: 513, separator: ' ', text: 'Unacceptable option value: Could not parse BandwidthRate: Provided value is malformed or out of bounds: Unable to parse zz as a number' }] }));
  add({ kind: 'command', text: 'QUIT' });
  add(noteEntry("Not sent: QUIT would close ortop's only control connection (ortop would then reconnect). Use /quit to leave the interpreter, or q to quit ortop.", 'error'));
  add({ kind: 'command', text: '/help SIGNAL' });
  add(outputEntry(helpLines('SIGNAL', { ...NO_HELP_KEYS, signals: ['RELOAD', 'SHUTDOWN', 'NEWNYM', 'HEARTBEAT'] })));
  return t;
}

async function render(transcript: Transcript, view: InterpreterView, cols: number, rows: number) {
  const t = createFakeTerminal({ cols, rows });
  const box = blessed.box({ parent: t.screen, top: 0, left: 0, width: cols, height: rows, tags: true, wrap: false });
  drawInterpreterPage(box, selectInterpreterPage(transcript, view, cols, rows).lines, { colors: true });
  await t.settle();
  return { term: t, grid: readGrid(t.screen) };
}

function completing(): InterpreterView {
  const open = openInput(initialInterpreterView(), []);
  const typed = open.mode.kind === 'input' ? { ...open, mode: { kind: 'input' as const, input: setTextInputValue(open.mode.input, 'GETINFO config') } } : open;
  return reduceInterpreterKey(typed, 'tab', undefined, [], VOCAB).view;
}

const SCENARIOS: Record<string, () => InterpreterView> = {
  idle: initialInterpreterView,
  completion: completing,
  confirm: () => askConfirmation(openInput(initialInterpreterView(), []), 'SIGNAL HALT', 'SIGNAL HALT: tor exits at once; ortop loses its connection. Send it?'),
};

describe('interpreter page snapshots', () => {
  for (const [name, makeView] of Object.entries(SCENARIOS)) {
    for (const [cols, rows] of [
      [80, 25],
      [160, 40],
    ] as const) {
      it(`${name} at ${cols}x${rows}`, async () => {
        const r = await render(sampleTranscript(), makeView(), cols, rows);
        term = r.term;
        await expect(gridText(r.grid)).toMatchFileSnapshot(`__snapshots__/interpreter-${name}.${cols}x${rows}.txt`);
        if (cols === 80) await expect(formatStyleRuns(r.grid)).toMatchFileSnapshot(`__snapshots__/interpreter-${name}.${cols}x${rows}.styles.txt`);
        await expectXtermAgrees(r.term, r.grid);
      });
    }
  }

  it('lists completions and extends the input to their common prefix', async () => {
    const view = completing();
    expect(view.completions).toEqual(['config-file', 'config-text', 'config/names', 'config/defaults', 'config-can-saveconf', 'config-defaults-file']);
    expect(view.mode.kind === 'input' && view.mode.input.text).toBe('GETINFO config');
    const r = await render(sampleTranscript(), view, 80, 25);
    term = r.term;
    expect(gridText(r.grid)).toMatch(/config-file +config-text +config\/names/);
  });

  it('shows replies raw with control characters made visible', async () => {
    const t = appendEntry(emptyTranscript, replyEntry({ code: 250, lines: [{ code: 250, separator: ' ', text: 'x=evil\x1b[5mblink{bold}' }] }));
    const r = await render(t, initialInterpreterView(), 80, 10);
    term = r.term;
    expect(r.term.bytes()).not.toContain('\x1b[5m');
    expect((await xtermRows(r.term.bytes(), 80, 10)).join('\n')).toContain('250 x=evil\u241b[5mblink{bold}');
  });

  it('scrolls back with PgUp and follows new output again with PgDn; survives 1x1', () => {
    let t = emptyTranscript;
    for (let i = 0; i < 60; i++) t = appendEntry(t, noteEntry(`line ${i}`));
    const view = openInput(initialInterpreterView(), []);
    const bottom = selectInterpreterPage(t, view, 40, 12);
    expect(bottom.lines.map((l) => l.map((s) => s.text).join('')).join('\n')).toContain('line 59');
    const up = reduceInterpreterKey({ ...view, pageRows: bottom.pageRows }, 'pageup', undefined, [], VOCAB).view;
    const scrolled = selectInterpreterPage(t, up, 40, 12);
    const text = scrolled.lines.map((l) => l.map((s) => s.text).join('')).join('\n');
    expect(text).not.toContain('line 59');
    expect(text).toContain('more lines below');
    expect(reduceInterpreterKey(up, 'pagedown', undefined, [], VOCAB).view.scrollBack).toBe(0);
    for (const [c, h] of [[1, 1], [2, 2], [15, 3]] as const) expect(selectInterpreterPage(t, view, c, h).lines.length).toBeLessThanOrEqual(h);
  });
});

describe('interpreter keys', () => {
  const press = (view: InterpreterView, history: readonly string[], ...keys: string[]) => {
    let v = view;
    const commands = [];
    for (const key of keys) {
      const r = reduceInterpreterKey(v, key, key.length === 1 ? key : undefined, history, VOCAB);
      v = r.view;
      commands.push(...r.commands);
    }
    return { view: v, commands };
  };

  it('Enter opens the input line, Esc or a blank line closes it, global keys pass while idle', () => {
    expect(press(initialInterpreterView(), [], 'enter').view.mode.kind).toBe('input');
    expect(press(initialInterpreterView(), [], 'enter', 'return', 'escape').view.mode.kind).toBe('idle');
    expect(press(initialInterpreterView(), [], 'enter', 'return', 'enter').view.mode.kind).toBe('idle');
    expect(reduceInterpreterKey(initialInterpreterView(), 'q', 'q', [], VOCAB).used).toBe(false);
  });

  it('submits typed lines, walks history with Up, answers confirmations', () => {
    const typed = press(initialInterpreterView(), ['GETINFO version'], 'enter', 'return', 'up', 'enter', 'return');
    expect(typed.commands).toEqual([{ kind: 'submit', text: 'GETINFO version' }]);
    expect(typed.view.mode.kind).toBe('input');
    const asking = askConfirmation(typed.view, 'SIGNAL HALT', 'why');
    expect(press(asking, [], 'y').commands).toEqual([{ kind: 'confirmed', line: 'SIGNAL HALT' }]);
    expect(press(asking, [], 'n').commands).toEqual([{ kind: 'declined', line: 'SIGNAL HALT' }]);
    expect(press(asking, [], 'return').commands).toEqual([]);
  });
});
