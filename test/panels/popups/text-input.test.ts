import { describe, expect, it } from 'vitest';
import { createTextInput, INPUT_LIMITS, reduceTextInput, selectTextInputLine, setTextInputValue, type TextInput } from '../../../panels/popups/text-input.js';
import { lineWidth } from '../../../src/terminal/theme.js';

function typeKeys(input: TextInput, keys: ReadonlyArray<string | [string, string]>): TextInput {
  let current = input;
  for (const k of keys) {
    const [key, ch] = typeof k === 'string' ? [k.length === 1 ? k : k, k.length === 1 ? k : undefined] : k;
    const r = reduceTextInput(current, key, ch);
    if (r.kind === 'cancel') throw new Error('cancelled');
    current = r.input;
  }
  return current;
}

const text = (line: readonly { text: string }[]) => line.map((s) => s.text).join('');

describe('text input', () => {
  it('starts prefilled with the cursor at the end and edits at the cursor', () => {
    let input = createTextInput({ value: 'snowfall' });
    expect(input.cursor).toBe(8);
    input = typeKeys(input, ['left', 'left', 'backspace', 'X', 'home', 'delete', ['S-a', 'A'], 'end', ['space', ' '], '!']);
    expect(input.text).toBe('AnowfXll !');
    expect(input.cursor).toBe(10);
  });

  it('Enter submits, Esc cancels, and the second "return" of one Enter is swallowed', () => {
    const input = createTextInput({ value: 'x' });
    expect(reduceTextInput(input, 'enter')).toMatchObject({ kind: 'submit', value: 'x' });
    expect(reduceTextInput(input, 'linefeed')).toMatchObject({ kind: 'submit', value: 'x' });
    expect(reduceTextInput(input, 'return')).toEqual({ kind: 'edit', input });
    expect(reduceTextInput(input, 'escape')).toEqual({ kind: 'cancel' });
    expect(reduceTextInput(input, 'tab').kind).toBe('ignored');
    expect(reduceTextInput(input, 'C-x', '\x18').kind).toBe('ignored');
  });

  it('kills to the start, to the end and the word before the cursor', () => {
    const input = createTextInput({ value: 'GETINFO version uptime' });
    expect(typeKeys(input, ['C-w']).text).toBe('GETINFO version ');
    expect(typeKeys(input, ['home', 'right', 'C-k']).text).toBe('G');
    expect(typeKeys(input, ['left', 'C-u']).text).toBe('e');
  });

  it('walks history with Up/Down and keeps the unsent draft', () => {
    let input = createTextInput({ history: ['GETINFO version', 'GETCONF Nickname'] });
    input = typeKeys(input, ['d', 'r']);
    input = typeKeys(input, ['up']);
    expect(input.text).toBe('GETCONF Nickname');
    input = typeKeys(input, ['up', 'up']);
    expect(input.text).toBe('GETINFO version');
    input = typeKeys(input, ['down']);
    expect(input.text).toBe('GETCONF Nickname');
    input = typeKeys(input, ['down']);
    expect(input.text).toBe('dr');
    expect(typeKeys(createTextInput(), ['up', 'down']).text).toBe('');
  });

  it('never splits a surrogate pair', () => {
    let input = createTextInput({ value: 'a😀' });
    input = typeKeys(input, ['left']);
    expect(input.cursor).toBe(1);
    input = typeKeys(input, ['delete']);
    expect(input.text).toBe('a');
    expect(typeKeys(createTextInput({ value: '😀' }), ['backspace']).text).toBe('');
  });

  it('shows the cursor as an inverse cell and scrolls to keep it visible', () => {
    const input = createTextInput({ value: 'abcdefghijklmnopqrstuvwxyz' });
    const line = selectTextInputLine(input, 'Value: ', 20);
    expect(lineWidth(line)).toBeLessThanOrEqual(20);
    expect(text(line)).toBe('Value: opqrstuvwxyz ');
    expect(line[line.length - 1]).toEqual({ text: ' ', style: { inverse: true } });
    const home = typeKeys(input, ['home']);
    expect(text(selectTextInputLine(home, 'Value: ', 20))).toBe('Value: abcdefghijklm');
    for (let w = 0; w < 12; w++) expect(lineWidth(selectTextInputLine(input, 'Value: ', w))).toBeLessThanOrEqual(w);
  });

  it('censors every character and never shows the text', () => {
    const input = createTextInput({ value: 'hunter2', censor: true });
    expect(text(selectTextInputLine(input, 'Password: ', 40))).toBe('Password: ******* ');
  });

  it('setTextInputValue replaces the text (completion)', () => {
    const input = setTextInputValue(createTextInput({ value: 'GETI' }), 'GETINFO ');
    expect(input).toMatchObject({ text: 'GETINFO ', cursor: 8 });
  });

  it('caps what typing and pasting add at the field\'s limit, counts the rest, and says so on the line', () => {
    let input = createTextInput({ maxLength: INPUT_LIMITS.search });
    for (let i = 0; i < 10_000; i++) input = typeKeys(input, [['x', 'x']]);
    expect(input).toMatchObject({ cursor: 256, cut: 10_000 - 256 });
    expect(input.text).toHaveLength(256);
    expect(text(selectTextInputLine(input, 'Search: ', 60))).toMatch(/^Search: \[max 256\] x+ $/);
    // Edits inside the text are capped the same way; a character never splits a surrogate pair.
    const nearly = createTextInput({ value: 'a'.repeat(255), maxLength: 256 });
    expect(typeKeys(nearly, [['😀', '😀']])).toMatchObject({ text: 'a'.repeat(255), cut: 2 });
    expect(setTextInputValue(createTextInput({ maxLength: 4 }), 'GETINFO')).toMatchObject({ text: 'GETI', cut: 3 });
    // A longer prefill (an option's current value) is kept whole: only growth is refused.
    const prefilled = createTextInput({ value: 'v'.repeat(300), maxLength: 256 });
    expect(typeKeys(prefilled, ['backspace', ['w', 'w']]).text).toBe(`${'v'.repeat(299)}`);
    expect(typeKeys(prefilled, ['backspace', 'backspace', ['w', 'w']]).text).toBe(`${'v'.repeat(298)}`);
  });

  it('draws a 4,096-character line as its visible tail (only what fits is measured)', () => {
    const long = typeKeys(createTextInput({ maxLength: INPUT_LIMITS.command, value: `${'a'.repeat(4000)}TAIL` }), []);
    expect(text(selectTextInputLine(long, '>>> ', 20))).toBe('>>> aaaaaaaaaaaTAIL ');
    const home = typeKeys(long, ['home']);
    expect(text(selectTextInputLine(home, '>>> ', 20))).toBe(`>>> ${'a'.repeat(16)}`);
  });
});
