// The one policy for configuration changes (interpreter and config page): option names are read
// as tor 0.4.9.11 reads them — abbreviation table, exact case-insensitive match, else the first
// option in case-insensitive order that starts with the name — before judging the change. The
// name list is tor 0.4.9.11's own config/names; test/integration/option-names.test.ts checks the
// same resolution against a running tor.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeOptionChanges, optionNameIndex, resolveOptionName, type OptionChange } from '../../../src/relay/config/index.js';
import { parseConfChanges, planCommand } from '../../../src/relay/interpreter/index.js';

const NAMES = readFileSync(join(import.meta.dirname, '../../fixtures/core/config-names-0.4.9.11.txt'), 'utf8').split('\n').filter((n) => n !== '');
const index = optionNameIndex(NAMES);
const read = (written: string) => {
  const r = resolveOptionName(written, index);
  return r.kind === 'unknown' ? undefined : r.name;
};

describe('reading option names as tor does', () => {
  it('exact names in any case', () => {
    expect(read('ControlPort')).toBe('ControlPort');
    expect(read('controlport')).toBe('ControlPort');
    expect(read('CONTACTINFO')).toBe('ContactInfo');
  });

  it('a prefix is the first option in case-insensitive order that starts with it, counting options tor does not list', () => {
    expect(read('ControlP')).toBe('ControlPort');
    expect(read('controlp')).toBe('ControlPort');
    expect(read('ControlPortW')).toBe('ControlPortWriteToFile');
    expect(read('ControlS')).toBe('ControlSocket');
    // ControlListenAddress is obsolete and missing from config/names, but tor still finds it first.
    expect(read('Control')).toBe('ControlListenAddress');
    expect(read('DisableNet')).toBe('DisableNetwork');
    expect(read('__OwningControllerProc')).toBe('__OwningControllerProcess');
    expect(read('contactinf')).toBe('ContactInfo');
    expect(read('C')).toBe('CacheDirectory');
    // The command-line-only "l" → Log does not apply on the control port.
    expect(read('l')).toBe('LearnCircuitBuildTimeout');
  });

  it("tor's abbreviation table comes first; unknown names stay unknown", () => {
    expect(resolveOptionName('MaxConn', index)).toEqual({ kind: 'alias', written: 'MaxConn', name: 'ConnLimit' });
    expect(read('TestingClientDownloadSchedule')).toBe('TestingClientDownloadInitialDelay');
    expect(resolveOptionName('Xyzzy', index)).toEqual({ kind: 'unknown', written: 'Xyzzy' });
    expect(resolveOptionName('', index).kind).toBe('unknown');
  });
});

describe('judging changes', () => {
  const judge = (...changes: OptionChange[]) => judgeOptionChanges(changes, index);

  it('asks before closing the control listener, however the name is written', () => {
    for (const name of ['ControlPort', 'controlport', 'ControlP', 'CONTROLPO', '__ControlPort', 'ControlSocket', 'ControlPortLines']) {
      expect(judge({ name, kind: 'reset' }).kind, name).toBe('confirm');
      expect(judge({ name, kind: 'set', values: ['9052'] }).kind, name).toBe('confirm');
    }
    const verdict = judge({ name: 'ControlP', kind: 'reset' });
    expect(verdict).toEqual({ kind: 'confirm', reason: expect.stringContaining('ControlP (tor reads it as ControlPort) back to its default: tor reopens its control listeners') });
  });

  it('asks before DisableNetwork changes either way, and says which way', () => {
    expect(judge({ name: 'DisableNet', kind: 'set', values: ['0'] })).toEqual({ kind: 'confirm', reason: expect.stringContaining('lets tor connect to the Tor network') });
    expect(judge({ name: 'DisableNetwork', kind: 'set', values: ['1'] })).toEqual({ kind: 'confirm', reason: expect.stringContaining('cuts tor off the Tor network') });
    expect(judge({ name: 'disablenetwork', kind: 'reset' })).toEqual({ kind: 'confirm', reason: expect.stringContaining('lets tor connect') });
  });

  it('asks before handing tor over, writing a file or changing authentication; never repeats a password', () => {
    for (const name of ['__OwningControllerProc', '__OwningControllerFD', 'ControlPortWriteToFile', 'CookieAuthentication', 'CookieAuthFile', 'HashedControlPassword']) {
      expect(judge({ name, kind: 'set', values: ['1'] }).kind, name).toBe('confirm');
    }
    const password = judge({ name: 'HashedControlPassword', kind: 'set', values: ['16:SECRETHASH'] });
    expect(password.kind === 'confirm' && password.reason).toContain('HashedControlPassword changed');
    expect(JSON.stringify(password)).not.toContain('SECRETHASH');
  });

  it('an abbreviation that is the start of a guarded option asks even where tor reads another option', () => {
    // tor 0.4.9 reads "Control" as the obsolete ControlListenAddress; a tor without it would read ControlPort.
    expect(judge({ name: 'Control', kind: 'reset' })).toEqual({ kind: 'confirm', reason: expect.stringContaining('tor reads it as ControlListenAddress, but it is also the start of ControlPort') });
  });

  it('sends everything else, unknown names included (tor answers those)', () => {
    expect(judge({ name: 'ContactInfo', kind: 'set', values: ['x'] })).toEqual({ kind: 'send' });
    expect(judge({ name: 'contactinf', kind: 'reset' })).toEqual({ kind: 'send' });
    expect(judge({ name: 'ControlPortFileGroupReadable', kind: 'set', values: ['1'] })).toEqual({ kind: 'send' });
    expect(judge({ name: 'Xyzzy', kind: 'set', values: ['1'] })).toEqual({ kind: 'send' });
    expect(judge({ name: 'MaxConn', kind: 'set', values: ['1000'] })).toEqual({ kind: 'send' });
  });

  it('before config/names has arrived, prefixes of guarded options still ask', () => {
    const empty = optionNameIndex([]);
    expect(judgeOptionChanges([{ name: 'ControlP', kind: 'reset' }], empty).kind).toBe('confirm');
    expect(judgeOptionChanges([{ name: 'DisableNet', kind: 'set', values: ['0'] }], empty).kind).toBe('confirm');
    expect(judgeOptionChanges([{ name: 'ContactInfo', kind: 'set', values: ['x'] }], empty).kind).toBe('send');
  });
});

describe('the interpreter uses the same policy', () => {
  it('splits SETCONF/RESETCONF arguments as tor does', () => {
    expect(parseConfChanges('SETCONF', 'ContactInfo="a ControlPort b" Nickname=x')).toEqual([
      { name: 'ContactInfo', kind: 'set', values: ['a ControlPort b'] },
      { name: 'Nickname', kind: 'set', values: ['x'] },
    ]);
    expect(parseConfChanges('RESETCONF', 'ControlP')).toEqual([{ name: 'ControlP', kind: 'reset' }]);
    expect(parseConfChanges('SETCONF', 'ControlPort')).toEqual([{ name: 'ControlPort', kind: 'set', values: [] }]);
    expect(parseConfChanges('SETCONF', 'Log="notice stdout" Log="info \\"x\\""')).toEqual([{ name: 'Log', kind: 'set', values: ['notice stdout', 'info "x"'] }]);
  });

  it('the three lines of the review ask first; a quoted value naming an option does not', () => {
    for (const line of ['RESETCONF ControlP', 'SETCONF DisableNet=0', 'SETCONF __OwningControllerProc=1', 'resetconf controlp', 'SETCONF ContactInfo=x ControlPort=0']) {
      const plan = planCommand(line, index);
      expect(plan.kind, line).toBe('confirm');
      expect(plan.kind === 'confirm' && plan.reason, line).toMatch(/Send it\?$/);
    }
    expect(planCommand('RESETCONF ControlP', index)).toMatchObject({ reason: expect.stringContaining('tor reads it as ControlPort') });
    expect(planCommand('SETCONF ContactInfo="ControlPort fan"', index).kind).toBe('send');
    expect(planCommand('SETCONF contactinf=x', index).kind).toBe('send');
    expect(planCommand('GETCONF ControlP', index).kind).toBe('send');
  });
});
