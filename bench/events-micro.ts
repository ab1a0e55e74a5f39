// Micro-benchmark: framer + parseEvent throughput on a realistic mix of BW, CIRC, STREAM, ORCONN,
// CIRC_BW and log lines (real tor 0.4.9.11 captures). Run: node --import tsx bench/events-micro.ts
// Not a test: prints events/s for parseEvent alone and for framer + parseEvent.

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

const EVENTS = 300_000;
const ROUNDS = 7;

function buildInput(): Buffer[] {
  const parts: string[] = [];
  for (let i = 0; i < EVENTS; i++) parts.push(`${MIX[i % MIX.length]!}\r\n`);
  const all = Buffer.from(parts.join(''), 'latin1');
  const chunks: Buffer[] = [];
  for (let i = 0; i < all.length; i += 64 * 1024) chunks.push(all.subarray(i, i + 64 * 1024));
  return chunks;
}

function frame(chunks: readonly Buffer[]): Reply[] {
  const framer = new Framer();
  const replies: Reply[] = [];
  for (const chunk of chunks) for (const out of framer.push(chunk)) if (out.kind === 'reply') replies.push(out.reply);
  return replies;
}

/** CPU seconds of this process since `start` (other processes on a busy machine do not count). */
function seconds(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

const chunks = buildInput();
const replies = frame(chunks);
let malformed = 0;
for (const r of replies.slice(0, MIX.length)) {
  const e = parseEvent(r);
  if (e.kind === 'malformed' || e.kind === 'unknown') malformed++;
}
if (malformed > 0) throw new Error(`${malformed} mix lines did not parse`);

const parseOnly: number[] = [];
const framerOnly: number[] = [];
const both: number[] = [];
let sink = 0;
for (let round = 0; round < ROUNDS; round++) {
  let t = process.cpuUsage();
  for (const r of replies) sink += parseEvent(r).kind.length;
  parseOnly.push(replies.length / seconds(t));

  t = process.cpuUsage();
  const framed = frame(chunks);
  framerOnly.push(framed.length / seconds(t));

  t = process.cpuUsage();
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
  both.push(n / seconds(t));
}
const fmt = (x: number): string => `${(x / 1e6).toFixed(2)}M events/s`;
console.log(`mix of ${MIX.length} line shapes, ${EVENTS} events x ${ROUNDS} rounds, per CPU second (median; sink ${sink % 10})`);
console.log(`parseEvent only:        ${fmt(median(parseOnly))}  (best ${fmt(Math.max(...parseOnly))})`);
console.log(`framer only:            ${fmt(median(framerOnly))}  (best ${fmt(Math.max(...framerOnly))})`);
console.log(`framer + parseEvent:    ${fmt(median(both))}  (best ${fmt(Math.max(...both))})`);
