// Log dedup (`u`): real tor lines that must merge (known noisy messages) and real lines that must
// stay apart (distinct facts that differ only in numbers or names), through the LogBuffer as the
// log panel uses it.
import { describe, expect, it } from 'vitest';
import { DEDUP_PATTERNS, dedupKey, LogBuffer } from '../../../src/relay/log/index.js';

const T = Date.UTC(2026, 11, 7, 12, 0, 0);

/** Which of the messages the log shows with dedup on (newest copies only), oldest first. */
function shown(type: string, messages: readonly string[]): string[] {
  const b = new LogBuffer(100);
  messages.forEach((message, i) => b.add({ atMs: T + i * 1000, type, message, source: 'tor' }));
  return b.toArray().filter((x) => !b.isHiddenDuplicate(x)).map((x) => x.message);
}

describe('dedup never hides a distinct fact', () => {
  it('404s from three different authorities stay three lines', () => {
    const lines = ['127.0.0.1:7001', '127.0.0.1:7002', '127.0.0.1:7003'].map(
      (a) => `Received http status code 404 ("Not found") from server ${a} while fetching "/tor/keys/fp-sk/8BC0A4B4C3B1A6E5E9B1E1E7A8F6E2E3D4C5B6A7-9F0E1D2C3B4A5968778695A4B3C2D1E0F1A2B3C4".`,
    );
    expect(shown('WARN', lines)).toEqual(lines);
  });

  it('CIRC events of different circuits stay apart; a repeat of the same line merges', () => {
    const lines = ['65 BUILT $A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2~relay1 PURPOSE=GENERAL', '66 BUILT $A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2~relay1 PURPOSE=GENERAL'];
    expect(shown('CIRC', lines)).toEqual(lines);
    expect(shown('CIRC', [lines[0]!, lines[0]!])).toEqual([lines[0]]);
  });

  it('bootstrap progress, ports and reachability lines stay apart', () => {
    const lines = [
      'Bootstrapped 5% (conn): Connecting to a relay',
      'Bootstrapped 10% (conn_done): Connected to a relay',
      'Bootstrapped 100% (done): Done',
      'Opened OR listener connection (ready) on 127.0.0.1:9001',
      'Opened OR listener connection (ready) on 127.0.0.1:9002',
      'Now checking whether IPv4 ORPort 127.0.0.1:9001 is reachable... (this may take up to 20 minutes -- look for log messages indicating success)',
    ];
    expect(shown('NOTICE', lines)).toEqual(lines);
  });

  it('a stuck bootstrap at another percentage or for another reason is another fact', () => {
    const stuck = (pct: number, reason: string, count: number) =>
      `Problem bootstrapping. Stuck at ${pct}% (conn): Connecting to a relay. (${reason}; NOROUTE; count ${count}; recommendation warn; host 0123456789ABCDEF0123456789ABCDEF01234567 at 127.0.0.1:7001)`;
    expect(shown('WARN', [stuck(5, 'No route to host', 1), stuck(5, 'No route to host', 2), stuck(5, 'No route to host', 3)])).toEqual([stuck(5, 'No route to host', 3)]);
    expect(shown('WARN', [stuck(5, 'No route to host', 1), stuck(10, 'No route to host', 2), stuck(10, 'Connection refused', 3)])).toHaveLength(3);
  });

  it('a pattern never reaches across types: the same text as another type stays apart', () => {
    expect(dedupKey('READ: 1, WRITTEN: 2', 'NOTICE')).not.toBe(dedupKey('READ: 3, WRITTEN: 4', 'NOTICE'));
  });

  it('per-circuit and per-connection bandwidth keep one line per circuit/connection', () => {
    const circ = ['ID=5 READ=10 WRITTEN=20 TIME=2026-12-07T12:00:00.000000', 'ID=6 READ=1 WRITTEN=2 TIME=2026-12-07T12:00:00.000000', 'ID=5 READ=30 WRITTEN=40 TIME=2026-12-07T12:00:01.000000'];
    expect(shown('CIRC_BW', circ)).toEqual([circ[1], circ[2]]);
    expect(shown('STREAM_BW', ['12 100 200 2026-12-07T12:00:00', '13 100 200 2026-12-07T12:00:00', '12 300 400 2026-12-07T12:00:01'])).toEqual(['13 100 200 2026-12-07T12:00:00', '12 300 400 2026-12-07T12:00:01']);
    expect(shown('CONN_BW', ['ID=7 TYPE=OR READ=1 WRITTEN=2', 'ID=7 TYPE=EXIT READ=1 WRITTEN=2', 'ID=7 TYPE=OR READ=3 WRITTEN=4'])).toEqual(['ID=7 TYPE=EXIT READ=1 WRITTEN=2', 'ID=7 TYPE=OR READ=3 WRITTEN=4']);
  });

  it('circuit timeout learning keeps "shorter" and "longer" apart', () => {
    const shorter = (n: number) => `Based on ${n} circuit times, it looks like we don't need to wait so long for circuits to finish. We will now assume a circuit is too slow to use after waiting ${n * 60} milliseconds.`;
    const longer = (n: number) => `Based on ${n} circuit times, it looks like we need to wait longer for circuits to finish. We will now assume a circuit is too slow to use after waiting ${n * 60} milliseconds.`;
    expect(shown('NOTICE', [shorter(100), longer(200), shorter(300)])).toEqual([longer(200), shorter(300)]);
  });
});

describe('dedup merges the known noisy lines', () => {
  it('heartbeats: each kind merges with its own kind only', () => {
    const lines = [
      "Heartbeat: Tor's uptime is 6:00 hours, with 34 circuits open. I've sent 1.20 GB and received 1.19 GB. I've received 120 connections on IPv4 and 0 on IPv6. I've made 40 connections with IPv4 and 0 with IPv6.",
      'Circuit handshake stats since last time: 0/0 TAP, 1520/1520 NTor, 12/12 NTor (v3).',
      'Since startup we initiated 0 and received 0 v1 connections; initiated 0 and received 0 v2 connections; initiated 0 and received 0 v3 connections; initiated 0 and received 4 v4 connections; initiated 40 and received 116 v5 connections.',
      'Heartbeat: DoS mitigation since startup: 0 circuits killed with too many cells, 0 circuits rejected, 0 marked addresses, 0 same address concurrent connections rejected, 0 connections rejected, 0 single hop clients refused, 0 INTRODUCE2 rejected.',
      'Average packaged cell fullness: 64.182%. TLS write overhead: 4%',
      "Heartbeat: Tor's uptime is 12:00 hours, with 41 circuits open. I've sent 2.52 GB and received 2.50 GB. I've received 230 connections on IPv4 and 0 on IPv6. I've made 61 connections with IPv4 and 0 with IPv6.",
      'Circuit handshake stats since last time: 0/0 TAP, 1810/1811 NTor, 20/20 NTor (v3).',
      'Since startup we initiated 0 and received 0 v1 connections; initiated 0 and received 0 v2 connections; initiated 0 and received 0 v3 connections; initiated 0 and received 9 v4 connections; initiated 61 and received 221 v5 connections.',
      'Heartbeat: DoS mitigation since startup: 2 circuits killed with too many cells, 0 circuits rejected, 0 marked addresses, 0 same address concurrent connections rejected, 0 connections rejected, 0 single hop clients refused, 0 INTRODUCE2 rejected.',
      'Average packaged cell fullness: 66.010%. TLS write overhead: 4%',
    ];
    expect(shown('NOTICE', lines)).toEqual(lines.slice(5));
  });

  it('BW events, build timeout revisions, directory progress and signature tallies', () => {
    expect(shown('BW', ['READ: 1024, WRITTEN: 2048', 'READ: 0, WRITTEN: 0', 'READ: 5, WRITTEN: 9'])).toEqual(['READ: 5, WRITTEN: 9']);
    expect(shown('NOTICE', ['Circuit build timeout of 96803ms is beyond the maximum build time we have ever observed. Capping it to 96107ms.', 'Circuit build timeout of 70000ms is beyond the maximum build time we have ever observed. Capping it to 65000ms.'])).toHaveLength(1);
    expect(
      shown('NOTICE', [
        'I learned some more directory information, but not enough to build a circuit: We have only 469/2027 usable descriptors.',
        'I learned some more directory information, but not enough to build a circuit: We need more microdescriptors: we have 1200/7000, and can only build 22% of likely paths.',
      ]),
    ).toHaveLength(1);
    expect(shown('WARN', ['4 unknown, 1 missing key, 3 good, 0 bad, 1 no signature, 4 required', '3 unknown, 1 missing key, 4 good, 0 bad, 1 no signature, 4 required'])).toEqual(['3 unknown, 1 missing key, 4 good, 0 bad, 1 no signature, 4 required']);
  });

  it('chatty DEBUG lines merge by function (socket reads and writes kept apart)', () => {
    expect(shown('DEBUG', ['conn_read_callback(): socket 7 wants to read.', 'conn_write_callback(): socket 51 wants to write.', 'conn_read_callback(): socket 9 wants to read.'])).toEqual(['conn_write_callback(): socket 51 wants to write.', 'conn_read_callback(): socket 9 wants to read.']);
  });

  it("ortop's retries merge while the reason stays the same", () => {
    const closed = (reason: string, s: number) => `tor control connection closed: ${reason}; retrying in ${s} s`;
    expect(shown('ORTOP_WARN', [closed('connection refused', 1), closed('connection refused', 2), closed('connection refused', 4)])).toEqual([closed('connection refused', 4)]);
    expect(shown('ORTOP_WARN', [closed('connection refused', 1), closed('tor closed the connection', 2)])).toHaveLength(2);
  });

  it("tor's rate-limit suffix counts copies, it is not a distinct fact", () => {
    const m = 'Tried for 120 seconds to get a connection to [scrubbed]:443. Giving up.';
    expect(shown('NOTICE', [m, `${m} [3 similar message(s) suppressed in last 60 seconds]`])).toHaveLength(1);
  });

  it('every pattern has a reason and matches no ordinary message of its type', () => {
    for (const p of DEDUP_PATTERNS) {
      expect(p.why.length).toBeGreaterThan(10);
      expect(p.match.test('Bootstrapped 100% (done): Done')).toBe(false);
    }
  });
});
