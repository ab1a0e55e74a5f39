// Micro-benchmark: framer + parseEvent throughput on a realistic mix of BW, CIRC, STREAM, ORCONN,
// CIRC_BW and log lines (real tor 0.4.9.11 captures). Not a test: prints events per CPU second.
// Run: node --import tsx bench/events-micro.ts   (or bundle with esbuild and run under plain node)

import { Framer } from '../src/protocol/framer.js';
import { parseEvent } from '../src/protocol/events/index.js';
import type { Reply } from '../src/protocol/reply.js';

const MIX: readonly string[] = [
  '650 BW 23232 45539',
  '650 CIRC 54 BUILT $69338954452B516B5BF88A24E1E81F203881B6F7~a0,$A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2~r2,$C5F33457E9CEAFCA9D245C361B01F62967BDCC98~r3 BUILD_FLAGS=NEED_CAPACITY,NEED_UPTIME PURPOSE=CONFLUX_UNLINKED TIME_CREATED=2026-11-27T09:47:36.602761 CONFLUX_ID=9E8F6895D9F06984A22BF9F9ADC9A340',
  '650 CIRC 1 LAUNCHED BUILD_FLAGS=ONEHOP_TUNNEL,IS_INTERNAL,NEED_CAPACITY PURPOSE=GENERAL TIME_CREATED=2026-11-27T09:46:41.551960',
  '650 CIRC 3272 CLOSED $69338954452B516B5BF88A24E1E81F203881B6F7~a0,$A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2~r2,$C5F33457E9CEAFCA9D245C361B01F62967BDCC98~r3 BUILD_FLAGS=NEED_CAPACITY,NEED_UPTIME PURPOSE=CONFLUX_LINKED TIME_CREATED=2026-11-27T09:50:02.272576 REASON=DESTROYED REMOTE_REASON=DESTROYED',
  '650 STREAM 70 NEW 0 127.0.0.1:5080 SOURCE_ADDR=127.0.0.1:49072 PURPOSE=USER CLIENT_PROTOCOL=SOCKS5 NYM_EPOCH=0 SESSION_GROUP=-4 ISO_FIELDS=SOCKS_USERNAME,SOCKS_PASSWORD,CLIENTADDR,SESSION_GROUP,NYM_EPOCH',
  '650 STREAM 70 SUCCEEDED 53 127.0.0.1.C5F33457E9CEAFCA9D245C361B01F62967BDCC98.exit:5080 CLIENT_PROTOCOL=SOCKS5 NYM_EPOCH=0 SESSION_GROUP=-4 ISO_FIELDS=SOCKS_USERNAME,SOCKS_PASSWORD,CLIENTADDR,SESSION_GROUP,NYM_EPOCH',
  '650 ORCONN $C5F33457E9CEAFCA9D245C361B01F62967BDCC98~r3 FAILED REASON=CONNECTREFUSED NCIRCS=1 ID=174',
  '650 ORCONN 127.0.0.1:34632 NEW ID=24',
  '650 CIRC_BW ID=53 READ=1527 WRITTEN=2036 TIME=2026-11-27T09:47:37.602903 DELIVERED_READ=187 OVERHEAD_READ=1307 DELIVERED_WRITTEN=384 OVERHEAD_WRITTEN=1608 SS=1 CWND=124 RTT=0 MIN_RTT=0',
  '650 CIRC_BW ID=1 READ=8144 WRITTEN=3054 TIME=2026-11-27T09:46:42.551443 DELIVERED_READ=4455 OVERHEAD_READ=3513 DELIVERED_WRITTEN=452 OVERHEAD_WRITTEN=2536',
  '650 INFO update_consensus_bootstrap_attempt_downloads(): Launching ns bootstrap authority networkstatus consensus download.',
  '650 NOTICE DisableNetwork is set. Tor will not make or accept non-control network connections. Shutting down all existing connections.',
];

/** Events per round: the input is streamed in 64 KiB chunks, as a socket would deliver it. */
const EVENTS = 300_000;
const ROUNDS = 9;

function buildChunks(): Buffer[] {
  const parts: string[] = [];
  for (let i = 0; i < EVENTS; i++) parts.push(`${MIX[i % MIX.length]!}\r\n`);
  const all = Buffer.from(parts.join(''), 'latin1');
  const chunks: Buffer[] = [];
  for (let i = 0; i < all.length; i += 64 * 1024) chunks.push(all.subarray(i, i + 64 * 1024));
  return chunks;
}

/** CPU seconds of this process since `start` (other processes on a busy machine do not count). */
function seconds(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** Runs `round` ROUNDS times (after one warm-up) and returns events per CPU second of each run. */
function measure(round: () => number): number[] {
  round();
  const rates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t = process.cpuUsage();
    const n = round();
    rates.push(n / seconds(t));
  }
  return rates;
}

const chunks = buildChunks();
let sink = 0;

const sample = MIX.map((line) => {
  const out = new Framer().push(Buffer.from(`${line}\r\n`, 'latin1'))[0];
  if (out?.kind !== 'reply') throw new Error(`mix line did not frame: ${line}`);
  return out.reply;
});
const unparsed = sample.map(parseEvent).filter((e) => e.kind === 'malformed' || e.kind === 'unknown');
if (unparsed.length > 0) throw new Error(`mix lines did not parse: ${JSON.stringify(unparsed)}`);

const both = measure(() => {
  const framer = new Framer();
  let n = 0;
  for (const chunk of chunks) {
    for (const out of framer.push(chunk)) {
      if (out.kind === 'reply') {
        sink += parseEvent(out.reply).kind.length;
        n++;
      }
    }
  }
  return n;
});

const framerOnly = measure(() => {
  const framer = new Framer();
  let n = 0;
  for (const chunk of chunks) for (const out of framer.push(chunk)) if (out.kind === 'reply') n++;
  return n;
});

/** A cache-sized window of framed replies parsed over and over, as a stream would hand them over. */
const window: Reply[] = [];
for (const out of new Framer().push(Buffer.concat(chunks.slice(0, 2)))) if (out.kind === 'reply') window.push(out.reply);
const parseOnly = measure(() => {
  let n = 0;
  while (n < EVENTS) {
    for (const reply of window) sink += parseEvent(reply).kind.length;
    n += window.length;
  }
  return n;
});

const fmt = (x: number): string => `${(x / 1e6).toFixed(2)}M events/s`;
const line = (name: string, rates: number[]): string => `${name.padEnd(22)}${fmt(median(rates))}  (best ${fmt(Math.max(...rates))})`;
console.log(`mix of ${MIX.length} line shapes, ${EVENTS} events x ${ROUNDS} rounds, per CPU second, median (sink ${sink % 10})`);
console.log(line('framer + parseEvent:', both));
console.log(line('framer only:', framerOnly));
console.log(line('parseEvent only:', parseOnly));
