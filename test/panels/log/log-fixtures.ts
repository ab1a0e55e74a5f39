// Fixed log buffers for the panel tests: empty, a normal mix, duplicates, a filter, entries
// across several days, hostile text, a long backlog to scroll.
import { compileLogFilter, LogBuffer, type LogFilter } from '../../../src/relay/log/index.js';
import type { LogPanelInput, LogView } from '../../../panels/log/index.js';

export const NOW_MS = Date.UTC(2026, 10, 27, 12, 0, 0);
const S = 1000;

function filled(entries: Array<[number, string, string]>, cap = 1000): LogBuffer {
  const b = new LogBuffer(cap);
  for (const [ago, type, message] of entries) b.add({ atMs: NOW_MS - ago * S, type, message, source: type.startsWith('ORTOP_') ? 'ortop' : 'tor' });
  return b;
}

export function mixedBuffer(): LogBuffer {
  return filled([
    [600, 'NOTICE', 'Tor 0.4.9.11 running on Linux with Libevent 2.1.12-stable, OpenSSL 3.0.19, Zlib 1.2.13, Liblzma 5.4.1, Libzstd 1.5.4 and Glibc 2.36 as libc.'],
    [590, 'NOTICE', 'Bootstrapped 0% (starting): Starting'],
    [580, 'WARN', 'Your ContactInfo config option is not set. Please strongly consider setting it, so we can contact you if your relay is misconfigured, end-of-life, or something else goes wrong.'],
    [500, 'ORTOP_NOTICE', 'attached to tor 0.4.9.11 at 127.0.0.1:9051 (SAFECOOKIE)'],
    [400, 'NOTICE', 'Bootstrapped 100% (done): Done'],
    [300, 'NOTICE', 'Self-testing indicates your ORPort 198.51.100.7:9001 is reachable from the outside. Excellent. Publishing server descriptor.'],
    [200, 'ERR', 'Error creating network listener: Address already in use'],
    [100, 'ORTOP_WARN', 'tor does not know the event type FOO (not in GETINFO events/names): not logged; logging the rest'],
    [10, 'CIRC', '1 BUILT $69338954452B516B5BF88A24E1E81F203881B6F7~a0 PURPOSE=GENERAL'],
    [5, 'BW', 'READ: 23232, WRITTEN: 45539'],
  ]);
}

export function duplicatesBuffer(): LogBuffer {
  const entries: Array<[number, string, string]> = [];
  for (let i = 0; i < 12; i++) entries.push([3600 - i * 300, 'NOTICE', `Heartbeat: Tor's uptime is ${i} hours, with ${30 + i} circuits open. I've sent ${i}.2 GB and received ${i}.4 GB.`]);
  for (let i = 0; i < 5; i++) entries.push([200 - i, 'WARN', `Failed to find node for hop #1 of our path. Discarding this circuit. [${100 + i} similar message(s) suppressed in last 180 seconds]`]);
  entries.push([1, 'NOTICE', 'New control connection opened from 127.0.0.1.']);
  return filled(entries);
}

/** Lines with fingerprints and URLs that must not be cut in the middle (and one token wider than any panel). */
export function longTokensBuffer(): LogBuffer {
  return filled([
    [30, 'WARN', 'Received http status code 404 ("Not found") from server 127.0.0.1:7001 while fetching "/tor/keys/fp-sk/8BC0A4B4C3B1A6E5E9B1E1E7A8F6E2E3D4C5B6A7-9F0E1D2C3B4A5968778695A4B3C2D1E0F1A2B3C4".'],
    [20, 'CIRC', '66 BUILT $A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2~relay1,$0123456789ABCDEF0123456789ABCDEF01234567~relay2,$FEDCBA9876543210FEDCBA9876543210FEDCBA98~exit3 BUILD_FLAGS=NEED_CAPACITY PURPOSE=GENERAL TIME_CREATED=2026-11-27T11:59:40.000000'],
    [10, 'NOTICE', 'Your relay has a very large number of connections to other relays. Is your outbound address the same as your relay address? See https://community.torproject.org/relay/setup/post-install/ for more.'],
    [5, 'WARN', `A token wider than any panel: ${'ABCDEF0123456789'.repeat(12)} end.`],
  ]);
}

export function multiDayBuffer(): LogBuffer {
  return filled([
    [3 * 86_400, 'NOTICE', 'Tor 0.4.9.11 opening new log file.'],
    [3 * 86_400 - 60, 'NOTICE', 'Bootstrapped 100% (done): Done'],
    [2 * 86_400, 'WARN', 'Guard relay1 ($A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2) is failing more circuits than usual.'],
    [86_400 + 3600, 'NOTICE', 'Heartbeat: Tor\'s uptime is 2 days 0:00 hours, with 40 circuits open.'],
    [86_400 + 60, 'NOTICE', 'Performing bandwidth self-test...done.'],
    [3600, 'NOTICE', 'Heartbeat: Tor\'s uptime is 3 days 0:00 hours, with 41 circuits open.'],
    [10, 'ERR', 'Something went badly wrong today.'],
  ]);
}

export function hostileBuffer(): LogBuffer {
  return filled([
    [3, 'NOTICE', 'evil \u001b[2J\u001b]0;pwned\u0007 {red-fg}tags{/red-fg} \u009b31m csi'],
    [2, 'WARN', 'wide 日本語 and emoji \ud83e\uddc5 and combining e\u0301'],
    [1, 'NOTICE', '{bold}not bold{/bold} \\{escaped\\}'],
  ]);
}

export function longBuffer(n = 300): LogBuffer {
  const entries: Array<[number, string, string]> = [];
  for (let i = 0; i < n; i++) entries.push([n - i, i % 3 === 0 ? 'INFO' : 'NOTICE', `entry ${i}: connection_or_set_state_open(): ${'x'.repeat(i % 120)}`]);
  return filled(entries);
}

export function filterOf(source: string): LogFilter {
  const r = compileLogFilter(source);
  if (r.kind !== 'ok') throw new Error(r.message);
  return r.filter;
}

export function logInput(buffer: LogBuffer, extra: Partial<LogPanelInput> = {}, view: Partial<LogView> = {}): LogPanelInput {
  return {
    buffer,
    view: { dedup: true, anchor: undefined, ...view },
    filter: undefined,
    types: 'TOR/ORTOP NOTICE-ERR, BW, CIRC',
    nowMs: NOW_MS,
    maxLineWrap: 8,
    unicode: true,
    ...extra,
  };
}
