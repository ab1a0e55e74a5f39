// The interpreter, for EVERY option in the table of secret options: a command that sets one (any
// case, abbreviated, quoted) never enters the history or its file and shows masked in the transcript;
// tor's answers (GETCONF, config-text) and CONF_CHANGED in /events show <hidden> for the value — even
// when the user asked for it by name (the transcript stays on screen). Adding to the table tests it here.
import { describe, expect, it } from 'vitest';
import { SECRET_OPTIONS, type Reply } from '../../../src/protocol/index.js';
import { addToHistory, EventRing, formatHistoryFile, isSecretCommand, parseHistoryFile, redactCommand, replyEntry } from '../../../src/relay/interpreter/index.js';

const SECRET = 's3cretPW';

describe.each(SECRET_OPTIONS.map((o) => o.name))('%s in the interpreter', (name) => {
  const setters = [`SETCONF ${name}=${SECRET}`, `setconf ${name.toLowerCase()}="${SECRET} x"`, `SETCONF ${name.slice(0, -3)}=${SECRET}`, `RESETCONF ${name}=${SECRET}`, `SETCONF Nickname=a ${name}=${SECRET}`];

  it('commands setting it stay out of the history and its file', () => {
    let history: readonly string[] = [];
    for (const line of setters) {
      expect(isSecretCommand(line), line).toBe(true);
      history = addToHistory(history, line);
    }
    expect(history).toEqual([]);
    expect(parseHistoryFile(setters.join('\n'))).toEqual([]);
    expect(formatHistoryFile(setters)).toBe('');
  });

  it('the transcript shows the command with the value masked', () => {
    for (const line of setters) {
      const shown = redactCommand(line);
      expect(shown, line).not.toContain(SECRET);
      expect(shown, line).toContain('<hidden>');
    }
    expect(redactCommand(`SETCONF Nickname=a ${name}=${SECRET}`)).toBe(`SETCONF Nickname=a ${name}=<hidden>`);
    expect(redactCommand(`GETCONF ${name}`)).toBe(`GETCONF ${name}`);
  });

  it("tor's answers and events show <hidden> for the value", () => {
    const getconf: Reply = { code: 250, lines: [{ code: 250, separator: ' ', text: `${name}=${SECRET}` }] };
    const configText: Reply = { code: 250, lines: [{ code: 250, separator: '+', text: 'config-text=', data: `Nickname a\n${name} ${SECRET}` }, { code: 250, separator: ' ', text: 'OK' }] };
    const conf: Reply = { code: 650, lines: [{ code: 650, separator: '-', text: 'CONF_CHANGED' }, { code: 650, separator: '-', text: `${name}=${SECRET}` }, { code: 650, separator: ' ', text: 'OK' }] };
    for (const reply of [getconf, configText, conf]) {
      const entry = replyEntry(reply);
      expect(JSON.stringify(entry)).not.toContain(SECRET);
      expect(JSON.stringify(entry)).toContain(`${name}`);
      expect(JSON.stringify(entry)).toContain('<hidden>');
    }
    const ring = new EventRing();
    ring.push(0, 'CONF_CHANGED', conf);
    ring.push(1, 'CONF_CHANGED', ['650-CONF_CHANGED', `650-${name}=${SECRET}`, '650 OK']);
    const listed = ring.list(['CONF_CHANGED']).flatMap((e) => e.lines);
    expect(listed).toContain(`650-${name}=<hidden>`);
    expect(listed.join('\n')).not.toContain(SECRET);
  });
});
