// ortop reads abbreviated option names the way the running tor does (option-names.ts): for every
// prefix of the options ortop guards, and a few odd ones, tor's own GETCONF answer names the same
// option; and `RESETCONF ControlP` — which the interpreter and the config page ask about — really
// closes tor's control listener.
import { connect as connectSocket } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { connect, type Controller } from '../../src/controller/index.js';
import { utf8FromByteString } from '../../src/protocol/bytes.js';
import { optionNameIndex, parseConfigNames, resolveOptionName } from '../../src/relay/config/index.js';
import { planCommand } from '../../src/relay/interpreter/index.js';
import { onCleanup, stopApps } from '../helpers/app-harness.js';
import { startTor, type TorProcess } from '../helpers/tor-process.js';
import { describeWithTor } from '../helpers/tor-required.js';

afterEach(stopApps);

async function open(tor: TorProcess): Promise<Controller> {
  const controller = await connect({ target: { kind: 'tcp', host: '127.0.0.1', port: tor.controlPort }, reconnect: false });
  onCleanup(() => controller.close());
  return controller;
}

/** The option tor itself reads for `written`: the key of its GETCONF answer (undefined: 552 unknown). */
async function torReads(controller: Controller, written: string): Promise<string | undefined> {
  const reply = await controller.request(`GETCONF ${written}`);
  if (reply.code !== 250) return undefined;
  return /^([^=\s]+)/.exec(utf8FromByteString(reply.lines[0]!.text))?.[1];
}

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectSocket({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

const GUARDED = ['ControlPort', 'ControlSocket', 'DisableNetwork', '__OwningControllerProcess', '__OwningControllerFD', 'ControlPortWriteToFile', 'CookieAuthentication', 'HashedControlPassword'];
const ODD = ['C', 'l', 'Control', 'controlp', 'DISABLENET', 'contactinf', 'MaxConn', 'TestingClientDownloadSchedule', 'Xyzzy'];

describeWithTor('option names as the real tor reads them', () => {
  it("every prefix of the guarded options resolves as tor's GETCONF says", async () => {
    const tor = await startTor();
    const controller = await open(tor);
    const names = parseConfigNames(await controller.getInfoOne('config/names')).map((n) => n.name);
    const index = optionNameIndex(names);
    const written = new Set(ODD);
    for (const name of GUARDED) for (let i = 1; i <= name.length; i++) written.add(name.slice(0, i));
    const mismatches: string[] = [];
    for (const w of written) {
      const ours = resolveOptionName(w, index);
      const theirs = await torReads(controller, w);
      const oursName = ours.kind === 'unknown' ? undefined : ours.name;
      if (oursName?.toLowerCase() !== theirs?.toLowerCase()) mismatches.push(`${w}: ortop ${oursName ?? '?'}, tor ${theirs ?? '?'}`);
    }
    expect(mismatches).toEqual([]);
    expect(written.size).toBeGreaterThan(100);
  });

  it('RESETCONF ControlP is what ortop asks about, and tor does close its control listener', async () => {
    const tor = await startTor();
    const controller = await open(tor);
    const index = optionNameIndex(parseConfigNames(await controller.getInfoOne('config/names')).map((n) => n.name));
    expect(planCommand('RESETCONF ControlP', index)).toMatchObject({ kind: 'confirm', reason: expect.stringContaining('tor reads it as ControlPort') });
    expect(await refusesConnections(tor.controlPort)).toBe(false);
    const reply = await controller.request('RESETCONF ControlP');
    expect(reply.code).toBe(250);
    // The connection ortop has stays up; the listener is gone.
    expect(await torReads(controller, 'ControlPort')).toBe('ControlPort');
    expect((await controller.getConfOne('ControlPort')).length).toBe(0);
    expect(await refusesConnections(tor.controlPort)).toBe(true);
  });
});
