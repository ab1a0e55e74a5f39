// Pages 3-5 against a real tor: set and reset ContactInfo through the config page and see
// CONF_CHANGED reflected (also when another controller changes it); the manual installed here
// describes the options; SAVECONF with %include asks for FORCE and FORCE flattens the torrc; the
// torrc page marks an option edited after start; the interpreter round-trips a raw GETINFO.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { connect, realClock, type Controller } from '../../src/controller/index.js';
import { realProcFs } from '../../src/system/index.js';
import { mountApp, onCleanup, stopApps } from '../helpers/app-harness.js';
import { pollUntil } from '../helpers/poll-until.js';
import { startTor, type TorProcess } from '../helpers/tor-process.js';
import { describeWithTor } from '../helpers/tor-required.js';

afterEach(stopApps);

async function openApp(tor: TorProcess, cols = 140, rows = 40) {
  const controller: Controller = await connect({ target: { kind: 'tcp', host: '127.0.0.1', port: tor.controlPort }, reconnect: false });
  onCleanup(() => controller.close());
  const { app, term, frame: text } = mountApp({ controller, clock: realClock, cols, rows, procFs: realProcFs, target: `127.0.0.1:${tor.controlPort}` });
  const type = async (keys: string) => {
    term.type(keys);
    await new Promise((r) => setTimeout(r, 20));
  };
  const see = (what: string | RegExp) => pollUntil(`the screen to show ${String(what)}`, async () => (typeof what === 'string' ? (await text()).includes(what) : what.test(await text())));
  return { controller, app, text, type, see };
}

describeWithTor('pages 3-5 against a real tor', () => {
  it('sets and resets ContactInfo from the config page; CONF_CHANGED shows on the page', async () => {
    const tor = await startTor({ relay: { nickname: 'ortopConfig' } });
    const { controller, text, type, see } = await openApp(tor);
    await type('3');
    await see('Tor configuration');
    await see(/\(General Option\)|\(Client Option\)|\(Server Option\)/);
    await type('/');
    await type('contactinfo\r');
    await see('(Server Option)');
    await type('\r');
    await see('ContactInfo (esc: cancel');
    await type('\x15ortop integration <op AT example dot org>\r');
    await see(/ContactInfo +ortop integration <op AT example dot org>/);
    expect(await controller.getConfOne('ContactInfo')).toEqual(['ortop integration <op AT example dot org>']);
    expect(await text()).toContain('Administrative contact information');

    // Another controller changes it: CONF_CHANGED reaches the page.
    const other = await connect({ target: { kind: 'tcp', host: '127.0.0.1', port: tor.controlPort }, reconnect: false });
    onCleanup(() => other.close());
    await other.setConf({ ContactInfo: 'changed elsewhere' });
    await see(/ContactInfo +changed elsewhere/);

    await type('\r');
    await type('\x15\r');
    await see('ContactInfo reset to its default');
    await see(/ContactInfo +<none>/);
    expect(await controller.getConfOne('ContactInfo')).toEqual([]);
  });

  it('asks for FORCE when the torrc uses %include, and FORCE flattens it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ortop-include-'));
    onCleanup(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'contact.conf'), 'ContactInfo from an include <op AT example dot org>\n');
    const tor = await startTor({ relay: { nickname: 'ortopSave' }, torrc: [`%include ${join(dir, 'contact.conf')}`] });
    const { type, see } = await openApp(tor, 140, 45);
    await type('3');
    await see('Tor configuration');
    await type('w');
    await see('Write this to');
    await see('Your torrc uses %include');
    await type('y');
    await see('Save anyway with FORCE?');
    expect(readFileSync(tor.torrcPath, 'utf8')).toContain('%include');
    await type('y');
    await see('(FORCE)');
    const saved = readFileSync(tor.torrcPath, 'utf8');
    expect(saved).not.toContain('%include');
    expect(saved).toContain('ContactInfo from an include <op AT example dot org>');
  });

  it('torrc page marks a line edited after tor started; the interpreter shows a raw reply', async () => {
    const tor = await startTor({ relay: { nickname: 'ortopTorrc' } });
    const { type, see, text } = await openApp(tor);
    writeFileSync(tor.torrcPath, `${readFileSync(tor.torrcPath, 'utf8')}Nickname editedLater\nBogusOption 1\n`);
    await type('4');
    await see(`Tor configuration file ${tor.torrcPath}`);
    await type('\x1b[F');
    await see(/Nickname editedLater +◀ tor runs with ortopTorrc/);
    await see(/BogusOption 1 +◀ this tor has no option "BogusOption"/);
    await type('5');
    await type('\r');
    await type('GETINFO config-file\r');
    await see(`250-config-file=${tor.torrcPath}`);
    expect(await text()).toContain('250 OK');
  });
});
