import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/controller/clock.js';
import { Controller } from '../../src/controller/index.js';
import type { StateChange } from '../../src/controller/index.js';
import { createDemoTor, DemoRelayStoppedError } from '../../src/demo/index.js';
import type { DemoTor } from '../../src/demo/index.js';
import { NothingListeningError } from '../../src/transport/errors.js';
import { settle } from '../helpers/fake-tor.js';
import type { DemoHarness, ReceivedEvent } from './harness.js';
import { advance, DEMO_START_MS, openDemo } from './harness.js';

let h: DemoHarness | undefined;
let extra: { controller?: Controller; demo?: DemoTor } = {};
afterEach(() => {
  h?.controller.close();
  h?.demo.stop();
  extra.controller?.close();
  extra.demo?.stop();
  h = undefined;
  extra = {};
});

describe('demo relay lifecycle', () => {
  it('SIGNAL HALT closes every connection and refuses new ones until restart()', async () => {
    h = await openDemo();
    const second = new Controller({ openTransport: h.demo.openTransport, clock: h.clock, reconnect: false });
    extra.controller = second;
    await second.open();
    expect(h.demo.stats().connections).toBe(2);
    await h.controller.signal('HALT');
    await settle();
    expect(h.controller.state).toBe('closed');
    expect(second.state).toBe('closed');
    expect(h.demo.isRunning).toBe(false);
    expect(h.demo.stats().connections).toBe(0);
    const refused = await h.demo.openTransport().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DemoRelayStoppedError);
    expect(refused).toBeInstanceOf(NothingListeningError);
    expect((refused as Error).message).toContain('the demo relay stopped');

    const timersWhileStopped = h.clock.pendingTimers;
    h.clock.advance(60_000);
    expect(h.clock.pendingTimers).toBe(timersWhileStopped);

    h.demo.restart();
    const fresh = new Controller({ openTransport: h.demo.openTransport, clock: h.clock, reconnect: false });
    extra.controller = fresh;
    await fresh.open();
    expect(Number(await fresh.getInfoOne('uptime'))).toBe(0);
    expect(await fresh.getInfoOne('traffic/read')).toBe('0');
  });

  it('SIGNAL SHUTDOWN waits ShutdownWaitLength (a second one exits at once), with the notices tor writes', async () => {
    h = await openDemo({ events: ['NOTICE'] });
    await h.controller.signal('SHUTDOWN');
    await settle();
    expect(h.received.map((r) => r.raw)).toContain(
      'NOTICE Interrupt: we have stopped accepting new connections, and will shut down in 30 seconds. Interrupt again to exit now.',
    );
    await advance(h.clock, 29_000);
    expect(h.controller.state).toBe('connected');
    await advance(h.clock, 1_000, 250);
    expect(h.controller.state).toBe('closed');
    expect(h.demo.isRunning).toBe(false);
  });

  it('a reconnecting controller comes back after stop() and restart()', async () => {
    const clock = new ManualClock(DEMO_START_MS);
    const demo = createDemoTor({ clock, seed: 9 });
    extra.demo = demo;
    const controller = new Controller({ openTransport: demo.openTransport, clock, reconnect: { initialDelayMs: 500, maxDelayMs: 2000 } });
    extra.controller = controller;
    const states: StateChange[] = [];
    controller.onState((s) => states.push(s));
    await controller.open();
    demo.stop();
    await settle();
    expect(controller.state).toBe('waiting');
    await advance(clock, 2000, 250);
    expect(states.some((s) => s.kind === 'connect-failed' && s.error instanceof DemoRelayStoppedError)).toBe(true);
    demo.restart();
    await advance(clock, 3000, 250);
    expect(controller.state).toBe('connected');
    expect(await controller.getInfoOne('version')).toBe('0.4.9.11');
  });

  it('QUIT answers "250 closing connection" and closes only that connection', async () => {
    h = await openDemo();
    const reply = await h.controller.request('QUIT');
    expect(reply.lines[0]!.text).toBe('closing connection');
    await settle();
    expect(h.controller.state).toBe('closed');
    expect(h.demo.isRunning).toBe(true);
    expect(h.demo.stats().connections).toBe(0);
  });

  it('tells other controllers about a new control connection, and DEBUG chatter does not change the other events', async () => {
    h = await openDemo({ seed: 21, events: ['NOTICE', 'ORCONN', 'CIRC', 'DEBUG'] });
    const watcher = await openDemo({ seed: 21, events: ['NOTICE', 'ORCONN', 'CIRC'] });
    extra.controller = watcher.controller;
    extra.demo = watcher.demo;
    const second = new Controller({ openTransport: h.demo.openTransport, clock: h.clock, reconnect: false });
    await second.open();
    await settle();
    second.close();
    expect(h.received.map((r) => r.raw)).toEqual(['NOTICE New control connection opened from 127.0.0.1.']);
    h.received.length = 0;
    await advance(h.clock, 20_000, 250);
    await advance(watcher.clock, 20_000, 250);
    const debug = h.received.filter((r) => r.type === 'DEBUG');
    expect(debug.length).toBeGreaterThan(500);
    expect(debug.every((r) => /^DEBUG [a-z_]+\(\): /.test(r.raw))).toBe(true);
    const others = (list: readonly ReceivedEvent[]) => list.filter((r) => r.type !== 'DEBUG').map((r) => r.raw);
    expect(others(h.received)).toEqual(others(watcher.received));
  });
});
