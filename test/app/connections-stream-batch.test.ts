// STREAM events reach the connections model in half-second batches, each stream's first and last
// event applied: a stream that opened and closed within a batch never shows (it would not have
// lasted a frame), a stream whose NEW is in the batch keeps its exact start and what only the NEW
// says (source address, purpose), and closing a known stream or moving it to another circuit works
// as event by event.
import { afterEach, expect, it } from 'vitest';
import { ConnectionsCollector, STREAM_BATCH_MS } from '../../src/app/session/connections-collector.js';
import { Controller, ManualClock } from '../../src/controller/index.js';
import { RelayDirectory } from '../../src/relay/connections/index.js';
import { FakeTor, settle } from '../helpers/fake-tor.js';

let stop: (() => void) | undefined;
afterEach(() => stop?.());

async function start() {
  const tor = new FakeTor({
    info: { 'net/listeners/or': '', 'net/listeners/dir': '', 'net/listeners/control': '"127.0.0.1:9051"', 'net/listeners/socks': '', 'orconn-status': '', 'circuit-status': '12 BUILT PURPOSE=GENERAL\n13 BUILT PURPOSE=GENERAL', 'stream-status': '60 SUCCEEDED 12 example.com:443' },
    circuits: ['12', '13'],
  });
  const clock = new ManualClock(1_000_000);
  const controller = new Controller({ openTransport: tor.openTransport, clock, reconnect: false });
  await controller.open();
  let changes = 0;
  const collector = new ConnectionsCollector({ controller, clock, directory: new RelayDirectory(), socketFs: undefined, ourFlags: () => undefined, onChange: () => changes++ });
  stop = () => {
    collector.stop();
    controller.close();
  };
  collector.start();
  for (let i = 0; i < 50 && !collector.loaded; i++) await settle();
  expect(collector.loaded).toBe(true);
  clock.advance(0); // the first socket-table reading, so that later changes are the streams' own
  for (let i = 0; i < 20; i++) await settle();
  return { tor, clock, collector, changes: () => changes };
}

it('applies each stream\'s last event after the batch, and skips a stream that opened and closed within it', async () => {
  const { tor, clock, collector, changes } = await start();
  const streams = () => [...collector.store.streams.keys()].sort();
  expect(streams()).toEqual(['60']);
  const before = changes();
  tor.emitEvent('STREAM 70 NEW 0 example.net:80 SOURCE_ADDR=127.0.0.1:50000 PURPOSE=USER');
  await settle();
  clock.advance(100);
  tor.emitEvent('STREAM 71 NEW 0 brief.example:80');
  tor.emitEvent('STREAM 70 SENTCONNECT 12 example.net:80');
  tor.emitEvent('STREAM 71 SUCCEEDED 12 brief.example:80');
  tor.emitEvent('STREAM 70 SUCCEEDED 12 example.net:80');
  tor.emitEvent('STREAM 71 CLOSED 12 brief.example:80 REASON=DONE');
  tor.emitEvent('STREAM 60 DETACHED 12 example.com:443');
  tor.emitEvent('STREAM 60 SUCCEEDED 13 example.com:443');
  await settle();
  expect(streams()).toEqual(['60']);
  expect(changes()).toBe(before);

  clock.advance(STREAM_BATCH_MS);
  expect(streams()).toEqual(['60', '70']);
  expect(changes()).toBe(before + 1);
  const opened = collector.store.streams.get('70')!;
  expect(opened).toMatchObject({ status: 'SUCCEEDED', circuitId: '12', target: 'example.net:80', sourceAddr: '127.0.0.1:50000', purpose: 'USER', sinceMs: 1_000_000, exactAge: true });
  expect(collector.store.circuits.get('12')!.streamIds.has('70')).toBe(true);
  // 60 moved from circuit 12 to 13.
  expect(collector.store.streams.get('60')!.circuitId).toBe('13');
  expect(collector.store.circuits.get('12')!.streamIds.has('60')).toBe(false);
  expect(collector.store.circuits.get('13')!.streamIds.has('60')).toBe(true);

  tor.emitEvent('STREAM 70 CLOSED 12 example.net:80 REASON=DONE');
  tor.emitEvent('STREAM 80 SUCCEEDED 13 late.example:443');
  await settle();
  clock.advance(STREAM_BATCH_MS);
  expect(streams()).toEqual(['60', '80']);
  expect(collector.store.circuits.get('12')!.streamIds.has('70')).toBe(false);
  // First seen after its NEW: its age is a lower bound.
  expect(collector.store.streams.get('80')!.exactAge).toBe(false);
});

it('drops a waiting batch when the collector stops', async () => {
  const { tor, clock, collector } = await start();
  tor.emitEvent('STREAM 90 NEW 0 example.org:80');
  await settle();
  collector.stop();
  clock.advance(STREAM_BATCH_MS);
  expect(collector.store.streams.has('90')).toBe(false);
});
