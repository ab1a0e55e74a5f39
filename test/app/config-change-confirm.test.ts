// Page 3 and page 5 ask first for the same changes (one policy, change-policy.ts): resetting
// ControlPort on the config page (Enter, Ctrl-U, Enter) closes tor's control listener, so it needs a
// yes; the interpreter asks for the same change written as tor's abbreviation (RESETCONF ControlP).
// A change the policy lets through (ContactInfo) is sent at once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { onCleanup, startApp, stopApps } from '../helpers/app-harness.js';
import { FakeTor } from '../helpers/fake-tor.js';

const MANUAL = ['.TH "TOR" "1"', '.SH "GENERAL OPTIONS"', '.PP', '\\fBControlPort\\fR \\fIport\\fR', '.RS 4', 'Where tor listens for controllers\\&.', '.RE', ''].join('\n');

afterEach(async () => {
  await stopApps();
  vi.unstubAllEnvs();
});

function torWithControlPort(): FakeTor {
  return new FakeTor({
    info: {
      'net/listeners/or': '',
      'net/listeners/dir': '',
      'net/listeners/control': '"127.0.0.1:9051"',
      'net/listeners/socks': '',
      'config/names': 'ContactInfo String\nControlPort Dependent\nControlPortWriteToFile Filename\nDisableNetwork Boolean',
      'config/defaults': 'DisableNetwork "0"',
      'info/names': 'version -- v',
      'features/names': 'VERBOSE_NAMES',
      'config-text': 'ContactInfo op\nControlPort 9051\nDisableNetwork 1',
    },
    conf: { ContactInfo: 'op', ControlPort: '9051', ControlPortWriteToFile: null, DisableNetwork: '1' },
  });
}

async function start(tor: FakeTor) {
  const dir = mkdtempSync(join(tmpdir(), 'ortop-confirm-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'tor.1'), MANUAL);
  vi.stubEnv('ORTOP_TOR_MANUAL', join(dir, 'tor.1'));
  vi.stubEnv('XDG_CACHE_HOME', join(dir, 'cache'));
  vi.stubEnv('XDG_STATE_HOME', join(dir, 'state'));
  return startApp({ tor, cols: 120, rows: 30 });
}

const changes = (tor: FakeTor) => tor.commands.filter((c) => /^(SETCONF|RESETCONF)/.test(c));

describe('config page and interpreter ask first for the same changes', () => {
  it('config page: resetting ControlPort (Enter, Ctrl-U, Enter) asks; n keeps it, y sends RESETCONF', async () => {
    const tor = torWithControlPort();
    const { type, text, until } = await start(tor);
    await type('3');
    await type('a');
    await type('/');
    await type('controlport\r');
    await until(/ControlPort +9051/);
    await type('\r');
    expect(text()).toContain('ControlPort (esc: cancel, empty: reset to default, "; " between lines): 9051');
    await type('\x15\r');
    expect(text()).toContain('ControlPort back to its default: tor reopens its control listeners');
    expect(text()).toContain('Change ControlPort? (y: yes, any other key: no)');
    expect(changes(tor)).toEqual([]);
    await type('n');
    expect(text()).toContain('ControlPort not changed');
    expect(changes(tor)).toEqual([]);

    await type('\r');
    await type('\x15\r');
    await type('y');
    expect(changes(tor)).toEqual(['RESETCONF ControlPort']);
  });

  it('config page: DisableNetwork 1 → 0 asks; ContactInfo is sent without a question', async () => {
    const tor = torWithControlPort();
    const { type, text, until } = await start(tor);
    await type('3');
    await type('a');
    await type('/');
    await type('disablenet\r');
    await until(/DisableNetwork +(1|true)/i);
    await type('\r');
    await type('\x150\r');
    expect(text()).toContain('DisableNetwork set to 0: lets tor connect to the Tor network');
    await type('n');
    expect(text()).toContain('DisableNetwork not changed');
    expect(changes(tor)).toEqual([]);
    await type('/');
    await type('\x15contact\r');
    await type('\r');
    await type('\x15new contact\r');
    expect(changes(tor)).toEqual(['SETCONF ContactInfo="new contact"']);
  });

  it('interpreter: RESETCONF ControlP asks, naming the option tor reads; nothing is sent before the answer', async () => {
    const tor = torWithControlPort();
    const { type, text, until } = await start(tor);
    await type('5');
    await type('\r');
    await type('RESETCONF ControlP\r');
    await until('tor reads it as ControlPort');
    expect(text()).toContain('ControlP (tor reads it as ControlPort) back to its default');
    expect(changes(tor)).toEqual([]);
  });
});
