import { describe, expect, it } from 'vitest';
import type { TorEvent } from '../../src/protocol/events/index.js';
import { settle } from '../helpers/fake-tor.js';
import { makeHarness, openHarness } from './harness.js';

const setEventsLines = (commands: readonly string[]) => commands.filter((c) => c.startsWith('SETEVENTS'));

describe('SETEVENTS follows the union of listeners', () => {
  it('subscribes the controller\'s own events after auth, checking events/names once', async () => {
    const { tor, controller } = await openHarness();
    expect(tor.commands).toEqual(['PROTOCOLINFO 1', 'AUTHENTICATE', 'GETINFO events/names', 'SETEVENTS CONF_CHANGED SIGNAL']);
    expect(controller.subscribedEvents).toEqual(['CONF_CHANGED', 'SIGNAL']);
  });

  it('adds and removes types as listeners come and go, coalescing changes made together', async () => {
    const { tor, controller } = await openHarness();
    const start = tor.commands.length;
    const offBw1 = controller.on('BW', () => {});
    const offCirc = controller.on('circ', () => {});
    await settle();
    expect(setEventsLines(tor.commands.slice(start))).toEqual(['SETEVENTS BW CIRC CONF_CHANGED SIGNAL']);
    expect(tor.subscribedEvents).toEqual(['BW', 'CIRC', 'CONF_CHANGED', 'SIGNAL']);

    const offBw2 = controller.on('BW', () => {});
    offBw1();
    offBw1();
    await settle();
    expect(setEventsLines(tor.commands.slice(start))).toHaveLength(1);

    offBw2();
    await settle();
    offCirc();
    await controller.syncEvents();
    expect(setEventsLines(tor.commands.slice(start))).toEqual([
      'SETEVENTS BW CIRC CONF_CHANGED SIGNAL',
      'SETEVENTS CIRC CONF_CHANGED SIGNAL',
      'SETEVENTS CONF_CHANGED SIGNAL',
    ]);
    expect(tor.commands.slice(start).filter((c) => c === 'GETINFO events/names')).toEqual([]);
  });

  it('drops an event tor does not know, reporting it once, without failing the others', async () => {
    const { tor, controller, warnings } = await openHarness();
    const start = tor.commands.length;
    controller.on('TB_EMPTY', () => {});
    controller.on('BW', () => {});
    await settle();
    controller.on('TB_EMPTY', () => {});
    controller.on('NOTICE', () => {});
    await settle();
    expect(setEventsLines(tor.commands.slice(start))).toEqual(['SETEVENTS BW CONF_CHANGED SIGNAL', 'SETEVENTS BW CONF_CHANGED NOTICE SIGNAL']);
    expect(warnings).toEqual([expect.objectContaining({ kind: 'unsupported-event', type: 'TB_EMPTY' })]);
  });

  it('without events/names, learns unknown events from the 552 and retries without them', async () => {
    const { tor, controller, warnings } = makeHarness({}, { cache: false });
    tor.handle('GETINFO', (args) => (args === 'events/names' ? '552 Unrecognized key "events/names"\r\n' : undefined));
    await controller.open();
    await settle();
    const start = tor.commands.length;
    controller.on('PT_LOG', () => {});
    controller.on('BW', () => {});
    await settle();
    expect(setEventsLines(tor.commands.slice(start))).toEqual([
      'SETEVENTS BW CONF_CHANGED PT_LOG SIGNAL',
      'SETEVENTS BW CONF_CHANGED SIGNAL',
    ]);
    expect(tor.subscribedEvents).toEqual(['BW', 'CONF_CHANGED', 'SIGNAL']);
    expect(warnings.map((w) => w.kind)).toEqual(['unsupported-event']);
  });
});

describe('SETEVENTS typed by hand (interpreter)', () => {
  it('is what tor has until the next listener change, which restores the union', async () => {
    const { tor, controller } = await openHarness();
    await controller.request('SETEVENTS bw');
    expect(controller.subscribedEvents).toEqual(['BW']);
    expect(tor.subscribedEvents).toEqual(['BW']);
    controller.on('CIRC', () => {});
    await settle();
    expect(tor.subscribedEvents).toEqual(['CIRC', 'CONF_CHANGED', 'SIGNAL']);
  });
});

describe('subscription failures', () => {
  it('a SETEVENTS refusal during connect is a warning, not a failed connection', async () => {
    const h = makeHarness();
    h.tor.handle('SETEVENTS', () => '551 Internal error\r\n');
    await h.controller.open();
    expect(h.controller.state).toBe('connected');
    expect(h.warnings).toEqual([expect.objectContaining({ kind: 'setevents-failed' })]);
    expect(h.controller.subscribedEvents).toEqual([]);
  });
});

describe('event delivery', () => {
  it('parses each event once and gives every listener of its type the event and the raw reply', async () => {
    const { tor, controller } = await openHarness();
    const got: Array<[TorEvent, string]> = [];
    controller.on('BW', (event, reply) => got.push([event, reply.lines[0]!.text]));
    controller.on('BW', (event) => got.push([event, 'second']));
    controller.on('CIRC', () => got.push([{} as TorEvent, 'circ']));
    await settle();
    tor.emitEvent('BW 100 200');
    await settle();
    expect(got.map(([, text]) => text)).toEqual(['BW 100 200', 'second']);
    expect(got[0]![0]).toBe(got[1]![0]);
    expect(typeof got[0]![0].kind).toBe('string');
  });

  it('a listener that throws does not stop the other listeners, later events or replies', async () => {
    const { tor, controller, warnings } = await openHarness();
    const seen: string[] = [];
    controller.on('BW', () => {
      throw new Error('boom');
    });
    controller.on('BW', (_e, reply) => seen.push(reply.lines[0]!.text));
    await settle();
    tor.emitEvent('BW 1 1');
    tor.emitEvent('BW 2 2');
    await settle();
    expect(seen).toEqual(['BW 1 1', 'BW 2 2']);
    expect(warnings.filter((w) => w.kind === 'listener-threw')).toHaveLength(2);
    expect(warnings[0]!.message).toContain('boom');
    expect(await controller.getInfoOne('version')).toBe('0.4.9.11');
  });

  it('events of types nobody listens to are ignored', async () => {
    const { tor, controller } = await openHarness();
    const seen: string[] = [];
    controller.on('CIRC', () => seen.push('circ'));
    await settle();
    tor.emitRaw('650 STREAM 1 NEW 0 example.com:80\r\n');
    await settle();
    expect(seen).toEqual([]);
    expect(controller.state).toBe('connected');
  });
});
