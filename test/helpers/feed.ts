// Test helper: feeds protocol text through the Framer whole, byte by byte and at seeded random
// split points, and checks all three give the same outputs. CRLF is kept as written.
import { expect } from 'vitest';
import { Framer, type FramerOutput, type Reply } from '../../src/protocol/index.js';
import { seededRandom } from './seeded-random.js';

export function toBytes(input: string | Uint8Array): Buffer {
  return typeof input === 'string' ? Buffer.from(input, 'latin1') : Buffer.from(input);
}

/** Turns "\n" line ends into CRLF (for fixtures written naturally); leaves existing CRLF alone. */
export function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

export function feedWhole(input: string | Uint8Array): FramerOutput[] {
  return new Framer().push(toBytes(input));
}

export function feedBytewise(input: string | Uint8Array): FramerOutput[] {
  const bytes = toBytes(input);
  const framer = new Framer();
  const out: FramerOutput[] = [];
  for (let i = 0; i < bytes.length; i++) out.push(...framer.push(bytes.subarray(i, i + 1)));
  return out;
}

export function feedRandomSplits(input: string | Uint8Array, seed: number): FramerOutput[] {
  const bytes = toBytes(input);
  const rand = seededRandom(seed);
  const framer = new Framer();
  const out: FramerOutput[] = [];
  let i = 0;
  while (i < bytes.length) {
    const n = 1 + Math.floor(rand() * 17);
    out.push(...framer.push(bytes.subarray(i, i + n)));
    i += n;
  }
  return out;
}

function comparable(outputs: readonly FramerOutput[]): unknown[] {
  return outputs.map((o) => (o.kind === 'reply' ? o : { kind: 'error', message: o.error.message }));
}

/** Feeds whole, bytewise and at 5 seeded random splittings; asserts identical output and returns it. */
export function feedAllWays(input: string | Uint8Array): FramerOutput[] {
  const whole = feedWhole(input);
  expect(comparable(feedBytewise(input))).toEqual(comparable(whole));
  for (let seed = 1; seed <= 5; seed++) expect(comparable(feedRandomSplits(input, seed))).toEqual(comparable(whole));
  return whole;
}

/** Feeds all ways and returns the replies, failing the test if the framer reported any error. */
export function repliesOf(input: string | Uint8Array): Reply[] {
  const out = feedAllWays(input);
  const errors = out.filter((o) => o.kind === 'error');
  expect(errors.map((e) => (e.kind === 'error' ? e.error.message : ''))).toEqual([]);
  return out.flatMap((o) => (o.kind === 'reply' ? [o.reply] : []));
}

/** The single reply in a fixture. */
export function replyOf(input: string | Uint8Array): Reply {
  const replies = repliesOf(input);
  expect(replies).toHaveLength(1);
  return replies[0]!;
}
