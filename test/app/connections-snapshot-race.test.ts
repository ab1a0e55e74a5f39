// tor's connection snapshots against the events that arrive with them: a stream that closes while
// GETINFO stream-status is answered must not come back from the (older) snapshot. The reply and the
// CLOSED event arrive in one chunk; the event is handled at once, the reply a microtask later.
import { afterEach, expect, it } from 'vitest';
import { ConnectionsCollector, STREAM_BATCH_MS } from '../../src/app/session/connections-collector.js';
import { Controller, ManualClock } from '../../src/controller/index.js';
import { RelayDirectory } from '../../src/relay/connections/index.js';
import { FakeTor, settle } from '../helpers/fake-tor.js';

let stop: (() => void) | undefined;
afterEach(() => stop?.());

it('a stream closed in the same chunk as the stream-status answer stays closed', async () => {
  const tor = new FakeTor({
    info: { 'net/listeners/or': '', 'net/listeners/dir': '', 'net/listeners/control': '"127.0.0.1:9051"', 'net/listeners/socks': '', 'orconn-status': '', 'circuit-status': '12 BUILT PURPOSE=GENERAL', 'stream-status': '70 SUCCEEDED 12 example.com:443\n71 SUCCEEDED 12 example.org:443' },
    circuits: ['12'],
  });
  let snapshots = 0;
  tor.handle('GETINFO', (args) => {
    if (!args.includes('stream-status')) return undefined;
    snapshots++;
    const reply = '250-orconn-status=\r\n250-circuit-status=12 BUILT PURPOSE=GENERAL\r\n250+stream-status=\r\n70 SUCCEEDED 12 example.com:443\r\n71 SUCCEEDED 12 example.org:443\r\n.\r\n250 OK\r\n';
    // Right behind the answer, as tor flushes its queued events: 70 closes, 72 opens.
    return `${reply}650 STREAM 70 CLOSED 12 example.com:443 REASON=DONE\r\n650 STREAM 72 NEW 0 example.net:80\r\n`;
  });
  const clock = new ManualClock(0);
  const controller = new Controller({ openTransport: tor.openTransport, clock, reconnect: false });
  await controller.open();
  const collector = new ConnectionsCollector({ controller, clock, directory: new RelayDirectory(), socketFs: undefined, ourFlags: () => undefined, onChange: () => {} });
  stop = () => {
    collector.stop();
    controller.close();
  };
  collector.start();
  for (let i = 0; i < 50 && !collector.loaded; i++) await settle();
  expect(collector.problem).toBeUndefined();
  expect(snapshots).toBe(1);
  expect(collector.loaded).toBe(true);
  clock.advance(STREAM_BATCH_MS); // STREAM events are applied in half-second batches
  expect([...collector.store.streams.keys()].sort()).toEqual(['71', '72']);
});
