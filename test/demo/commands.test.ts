import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_FINGERPRINT } from '../../src/demo/index.js';
import { parseServerDescriptor } from '../../src/protocol/documents/index.js';
import type { DemoHarness, ReceivedEvent } from './harness.js';
import { advance, openDemo } from './harness.js';
import { settle } from '../helpers/fake-tor.js';

let h: DemoHarness | undefined;
afterEach(() => {
  h?.controller.close();
  h?.demo.stop();
  h = undefined;
});

function ofType(received: readonly ReceivedEvent[], type: string): string[] {
  return received.filter((r) => r.type === type).map((r) => r.raw);
}

describe('demo relay commands', () => {
  it('SETCONF changes the simulated configuration and announces only real changes', async () => {
    h = await openDemo({ events: ['CONF_CHANGED', 'DESCCHANGED', 'WARN'] });
    const c = h.controller;
    await c.setConf({ Nickname: 'renamedRelay', ContactInfo: 'Jürgen "jm" <x AT example dot org>' });
    await settle();
    expect(ofType(h.received, 'CONF_CHANGED')).toEqual([
      'CONF_CHANGED\nNickname=renamedRelay\nContactInfo="J\\303\\274rgen \\"jm\\" <x AT example dot org>"',
    ]);
    expect(ofType(h.received, 'DESCCHANGED')).toEqual(['DESCCHANGED']);
    expect(await c.getConfOne('nickname')).toEqual(['renamedRelay']);
    const desc = parseServerDescriptor(await c.getInfoOne(`desc/id/${DEMO_FINGERPRINT}`), { input: 'text' });
    expect(desc.nickname).toBe('renamedRelay');
    expect(desc.contact).toBe('Jürgen "jm" <x AT example dot org>');
    expect(await c.getConfOne('ContactInfo')).toEqual(['Jürgen "jm" <x AT example dot org>']);

    await c.setConf({ Nickname: 'renamedRelay' });
    await settle();
    expect(ofType(h.received, 'CONF_CHANGED')).toHaveLength(1);

    await c.resetConf(['Log']);
    await settle();
    expect(ofType(h.received, 'CONF_CHANGED').at(-1)).toBe('CONF_CHANGED\nLog');
    expect(await c.getConfOne('Log')).toEqual([]);
  });

  it('refuses SETCONF as tor does, with the WARN tor logs', async () => {
    h = await openDemo({ events: ['WARN', 'CONF_CHANGED'] });
    const c = h.controller;
    const unknown = await c.request('SETCONF NoSuchOption=1 Nickname=x');
    expect(unknown.code).toBe(552);
    expect(unknown.lines[0]!.text).toBe("Unrecognized option: Unknown option 'NoSuchOption'.  Failing.");
    const bad = await c.request('SETCONF BandwidthRate=notanumber');
    expect(bad.code).toBe(513);
    expect(bad.lines[0]!.text).toBe(
      'Unacceptable option value: Could not parse BandwidthRate: Provided value is malformed or out of bounds: Unable to parse notanumber as a number',
    );
    const immutable = await c.request('SETCONF DataDirectory=/tmp/elsewhere');
    expect(immutable.code).toBe(553);
    expect(immutable.lines[0]!.text).toBe('Transition not allowed: While Tor is running, changing DataDirectory is not allowed');
    await settle();
    expect(ofType(h.received, 'WARN')[0]).toBe("WARN Controller gave us config lines that didn't validate: Unknown option 'NoSuchOption'.  Failing.");
    expect(ofType(h.received, 'WARN')).toHaveLength(3);
    expect(ofType(h.received, 'CONF_CHANGED')).toEqual([]);
    expect(await c.getConfOne('Nickname')).toEqual(['ortopDemo']);
  });

  it('caps traffic at a lowered BandwidthRate (DataSize values are stored in bytes)', async () => {
    h = await openDemo({ events: ['BW'] });
    await h.controller.setConf({ BandwidthRate: '1 MBytes' });
    expect(await h.controller.getConfOne('BandwidthRate')).toEqual(['1048576']);
    await advance(h.clock, 10_000);
    const bw = h.received.filter((r) => r.event.kind === 'BW').map((r) => (r.event.kind === 'BW' ? r.event.readBytes : 0));
    expect(bw).toHaveLength(10);
    expect(Math.max(...bw)).toBeLessThanOrEqual(1048576);
  });

  it('SIGNAL RELOAD rereads the saved torrc: unsaved changes revert with CONF_CHANGED', async () => {
    h = await openDemo({ events: ['CONF_CHANGED', 'NOTICE', 'SIGNAL'] });
    const c = h.controller;
    await c.setConf({ ContactInfo: 'saved contact' });
    await c.saveConf();
    await c.setConf({ Nickname: 'unsaved' });
    h.received.length = 0;
    await c.signal('RELOAD');
    await settle();
    expect(h.received.map((r) => r.raw)).toEqual([
      'NOTICE Received reload signal (hup). Reloading config and resetting internal state.',
      'NOTICE Read configuration file "/etc/tor/torrc".',
      'CONF_CHANGED\nNickname=ortopDemo',
      'SIGNAL RELOAD',
    ]);
    expect(await c.getConf(['Nickname', 'ContactInfo'])).toEqual(new Map([['Nickname', ['ortopDemo']], ['ContactInfo', ['saved contact']]]));
  });

  it('CLOSECIRCUIT closes an open circuit with REASON=REQUESTED and refuses unknown ones', async () => {
    h = await openDemo({ events: ['CIRC'] });
    const c = h.controller;
    const first = (await c.getInfoOne('circuit-status')).split('\n')[0]!;
    const id = first.split(' ')[0]!;
    await c.closeCircuit(id);
    await settle();
    expect(h.received).toHaveLength(1);
    expect(h.received[0]!.event).toMatchObject({ kind: 'CIRC', id, status: 'CLOSED', reason: 'REQUESTED' });
    expect((await c.getInfoOne('circuit-status')).split('\n').some((l) => l.startsWith(`${id} `))).toBe(false);
    const unknown = await c.request(`CLOSECIRCUIT ${id}`);
    expect(unknown.code).toBe(552);
    expect(unknown.lines[0]!.text).toBe(`Unknown circuit "${id}"`);
  });

  it('rate-limits NEWNYM to one per 10 s, delaying (not dropping) the second', async () => {
    h = await openDemo({ events: ['SIGNAL', 'NOTICE'] });
    const c = h.controller;
    await c.signal('NEWNYM');
    await settle();
    await advance(h.clock, 3000);
    await c.signal('NEWNYM');
    await c.signal('NEWNYM');
    await settle();
    const texts = () => h!.received.map((r) => r.raw).filter((t) => !t.startsWith('NOTICE ') || t.includes('NEWNYM'));
    expect(texts()).toEqual([
      'SIGNAL NEWNYM',
      'NOTICE Rate limiting NEWNYM request: delaying by 7 second(s)',
      'NOTICE Rate limiting NEWNYM request: delaying by 7 second(s)',
    ]);
    await advance(h.clock, 7000, 250);
    expect(texts().filter((t) => t === 'SIGNAL NEWNYM')).toHaveLength(2);
  });

  it('answers the other signals with their events and log lines', async () => {
    h = await openDemo({ events: ['SIGNAL', 'NOTICE'] });
    const c = h.controller;
    await c.signal('HEARTBEAT');
    await c.signal('CLEARDNSCACHE');
    await c.signal('DORMANT');
    await settle();
    const raws = h.received.map((r) => r.raw);
    expect(raws[0]).toMatch(/^NOTICE Heartbeat: Tor's uptime is 3 days \d+:\d\d hours, with \d+ circuits open\. I've sent \d+\.\d\d [GT]B and received \d+\.\d\d [GT]B\./);
    expect(raws.some((r) => r.startsWith('NOTICE Circuit handshake stats since last time: '))).toBe(true);
    expect(raws.filter((r) => r.startsWith('SIGNAL '))).toEqual(['SIGNAL HEARTBEAT', 'SIGNAL CLEARDNSCACHE', 'SIGNAL DORMANT']);
    expect(await c.getInfoOne('dormant')).toBe('1');
    const bogus = await c.request('SIGNAL FOO');
    expect(bogus.code).toBe(552);
    expect(bogus.lines[0]!.text).toBe('Unrecognized signal code "FOO"');
    expect((await c.request('FROBNICATE')).lines[0]!.text).toBe('Unrecognized command "FROBNICATE"');
    expect((await c.request('USEFEATURE VERBOSE_NAMES')).code).toBe(250);
    expect((await c.request('SETEVENTS BOGUS CIRC')).lines[0]!.text).toBe('Unrecognized event "BOGUS"');
  });

  it('DisableNetwork closes every OR connection and circuit, and traffic stops until it is lifted', async () => {
    h = await openDemo({ events: ['ORCONN', 'CIRC', 'NOTICE', 'BW'] });
    const c = h.controller;
    const open = (await c.getInfoOne('orconn-status')).split('\n').length;
    await c.setConf({ DisableNetwork: '1' });
    await settle();
    expect(h.received.some((r) => r.raw.startsWith('NOTICE DisableNetwork is set.'))).toBe(true);
    expect(h.received.filter((r) => r.event.kind === 'ORCONN' && ['CLOSED', 'FAILED'].includes(r.event.status))).toHaveLength(open);
    expect(await c.getInfoOne('orconn-status')).toBe('');
    expect(await c.getInfoOne('circuit-status')).toBe('');
    h.received.length = 0;
    await advance(h.clock, 5000);
    expect(h.received.map((r) => r.raw)).toEqual(['BW 0 0', 'BW 0 0', 'BW 0 0', 'BW 0 0', 'BW 0 0']);
    await c.setConf({ DisableNetwork: '0' });
    await advance(h.clock, 20_000);
    expect((await c.getInfoOne('orconn-status')).split('\n').length).toBeGreaterThan(20);
  });
});
