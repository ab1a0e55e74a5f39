// Whole fixture files through the framer (whole, bytewise, seeded splits) and parseEvent, plus a
// seeded mutation fuzz: parseEvent must never throw and never hit its internal-error fallback.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Framer, parseEvent, type Reply, type TorEvent } from '../../../src/protocol/index.js';
import { repliesOf } from '../../helpers/feed.js';
import { seededRandom } from '../../helpers/seeded-random.js';

function fixture(name: string): Buffer {
  return readFileSync(new URL(`../../fixtures/events/${name}`, import.meta.url));
}

const CAPTURE_KINDS = [
  ...['BW', 'BW'],
  ...['CIRC', 'CIRC', 'CIRC', 'CIRC', 'CIRC', 'CIRC', 'CIRC', 'CIRC', 'CIRC'],
  ...['CIRC_MINOR', 'CIRC_MINOR'],
  ...['STREAM', 'STREAM', 'STREAM', 'STREAM', 'STREAM', 'STREAM', 'STREAM', 'STREAM', 'STREAM', 'STREAM'],
  'STREAM_BW',
  ...['ORCONN', 'ORCONN', 'ORCONN', 'ORCONN', 'ORCONN', 'ORCONN'],
  'CONN_BW',
  ...['CIRC_BW', 'CIRC_BW'],
  ...['CELL_STATS', 'CELL_STATS'],
  'NEWDESC',
  'NS',
  'NEWCONSENSUS',
  ...['CONF_CHANGED', 'CONF_CHANGED'],
  ...Array<string>(7).fill('STATUS_CLIENT'),
  ...['STATUS_SERVER', 'STATUS_SERVER', 'STATUS_SERVER'],
  ...['GUARD', 'GUARD', 'GUARD'],
  ...['log', 'log', 'log'],
  ...Array<string>(5).fill('SIGNAL'),
  ...Array<string>(5).fill('HS_DESC'),
  'NETWORK_LIVENESS',
  ...['BUILDTIMEOUT_SET', 'BUILDTIMEOUT_SET'],
  'ADDRMAP',
  'DESCCHANGED',
];

const STEM_KINDS = [
  'unknown',
  'log',
  ...['ADDRMAP', 'ADDRMAP', 'ADDRMAP'],
  ...['CIRC', 'CIRC', 'CIRC'],
  'CONF_CHANGED',
  'GUARD',
  'HS_DESC',
  'HS_DESC_CONTENT',
  'NEWDESC',
  'ORCONN',
  'STATUS_CLIENT',
  'unknown',
  ...['STREAM', 'STREAM', 'STREAM'],
  'STREAM_BW',
  'CIRC_BW',
  'CELL_STATS',
  'TRANSPORT_LAUNCHED',
  'BW',
  'NETWORK_LIVENESS',
  'BUILDTIMEOUT_SET',
  'CLIENTS_SEEN',
];

function describeEvent(ev: TorEvent): string {
  return ev.kind === 'malformed' ? `malformed ${ev.type}: ${ev.error}` : ev.kind;
}

describe('fixture files', () => {
  it('every tor 0.4.9.11 capture parses to its typed variant', () => {
    const events = repliesOf(fixture('tor-0.4.9.11.txt')).map(parseEvent);
    expect(events.map(describeEvent)).toEqual(CAPTURE_KINDS);
  });

  it('every well-formed Stem vector parses to its variant', () => {
    const events = repliesOf(fixture('stem-vectors.txt')).map(parseEvent);
    expect(events.map(describeEvent)).toEqual(STEM_KINDS);
  });

  it('every malformed Stem vector becomes kind malformed with a reason', () => {
    const events = repliesOf(fixture('stem-malformed.txt')).map(parseEvent);
    expect(events).toHaveLength(18);
    for (const ev of events) {
      if (ev.kind !== 'malformed') expect.fail(`expected malformed, got ${ev.kind} (${JSON.stringify(ev)})`);
      expect(ev.error.length).toBeGreaterThan(5);
      expect(ev.error).not.toContain('internal parser error');
      expect(ev.raw.startsWith(ev.type)).toBe(true);
    }
  });
});

/** Reply → the bytes tor would have sent for it (CRLF, dot-stuffed data blocks). */
function serialize(reply: Reply): Buffer {
  let out = '';
  for (const line of reply.lines) {
    out += `${line.code}${line.separator}${line.text}\r\n`;
    if (line.data !== undefined) {
      for (const d of line.data.split('\n')) out += `${d.startsWith('.') ? '.' : ''}${d}\r\n`;
      out += '.\r\n';
    }
  }
  return Buffer.from(out, 'latin1');
}

const INTERESTING = Buffer.from(' ="\\,:$~=.-+0123456789\r\nAZaz\x00\x7f\x80\xe9\xff', 'latin1');

function mutate(input: Buffer, rand: () => number): Buffer {
  let bytes = Buffer.from(input);
  const ops = 1 + Math.floor(rand() * 4);
  for (let k = 0; k < ops; k++) {
    const at = Math.floor(rand() * (bytes.length + 1));
    const byte = rand() < 0.5 ? INTERESTING[Math.floor(rand() * INTERESTING.length)]! : Math.floor(rand() * 256);
    const op = rand();
    if (op < 0.34 && bytes.length > 0) bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
    else if (op < 0.67 && at < bytes.length) bytes[at] = byte;
    else bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([byte]), bytes.subarray(at)]);
  }
  return bytes;
}

function parseOrFail(reply: Reply, input: Buffer): TorEvent {
  let ev: TorEvent;
  try {
    ev = parseEvent(reply);
  } catch (e) {
    expect.fail(`parseEvent threw ${String(e)} for ${JSON.stringify(input.toString('latin1'))}`);
  }
  if (ev.kind === 'malformed' && ev.error.startsWith('internal parser error')) {
    expect.fail(`${ev.error} for ${JSON.stringify(input.toString('latin1'))}`);
  }
  expect(typeof ev.kind).toBe('string');
  return ev;
}

describe('mutation fuzz (seeded)', () => {
  const messages = ['tor-0.4.9.11.txt', 'stem-vectors.txt', 'stem-malformed.txt', 'warn-raw-bytes.txt'].flatMap((name) =>
    repliesOf(fixture(name)).map(serialize),
  );

  it('parseEvent never throws on mutated fixture messages fed through the framer', () => {
    const rand = seededRandom(0x5eed);
    const kinds = new Set<string>();
    let parsed = 0;
    for (const message of messages) {
      for (let round = 0; round < 150; round++) {
        const input = mutate(message, rand);
        for (const out of new Framer().push(input)) {
          if (out.kind !== 'reply') continue;
          kinds.add(parseOrFail(out.reply, input).kind);
          parsed++;
        }
      }
    }
    expect(parsed).toBeGreaterThan(messages.length * 50);
    expect(kinds).toContain('malformed');
    expect(kinds).toContain('CIRC');
  });

  it('parseEvent never throws on mutated first lines handed over directly (bypassing CRLF checks)', () => {
    const rand = seededRandom(0xf022);
    for (const message of messages) {
      const [reply] = new Framer().push(message).flatMap((o) => (o.kind === 'reply' ? [o.reply] : []));
      if (reply === undefined) expect.fail('fixture message did not frame');
      const head = reply.lines[0]!;
      for (let round = 0; round < 150; round++) {
        const text = mutate(Buffer.from(head.text, 'latin1'), rand);
        const lines = [{ ...head, text: text.toString('latin1') }, ...reply.lines.slice(1)];
        parseOrFail({ code: reply.code, lines }, text);
      }
    }
  });

  it('parseEvent never throws on truncations of every fixture first line', () => {
    for (const message of messages) {
      const [reply] = new Framer().push(message).flatMap((o) => (o.kind === 'reply' ? [o.reply] : []));
      const head = reply!.lines[0]!;
      for (let cut = 0; cut <= head.text.length; cut++) {
        const text = head.text.slice(0, cut);
        parseOrFail({ code: 650, lines: [{ ...head, text }] }, Buffer.from(text, 'latin1'));
      }
    }
  });
});
