// Test helpers for the protocol core: load byte-exact fixtures from test/fixtures/core, and feed
// input through a Framer built with options (whole, bytewise, seeded random splits) checking they agree.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { Framer, type FramerOptions, type FramerOutput, type Reply } from '../../../src/protocol/index.js';
import { feedAllWays, replyOf, toBytes } from '../../helpers/feed.js';
import { seededRandom } from '../../helpers/seeded-random.js';

/** A fixture file's bytes, exactly as stored (CRLF kept). */
export function fixture(name: string): Buffer {
  return readFileSync(new URL(`../../fixtures/core/${name}`, import.meta.url));
}

/** The single reply of a fixture, fed all ways. */
export function fixtureReply(name: string): Reply {
  return replyOf(fixture(name));
}

/** Framer outputs made comparable (errors by message). */
export function comparable(outputs: readonly FramerOutput[]): unknown[] {
  return outputs.map((o) => (o.kind === 'reply' ? o : { kind: 'error', message: o.error.message }));
}

/** Pushes `input` in chunks of the given sizes (cycled), returning outputs and the framer. */
export function feedChunks(input: string | Uint8Array, sizes: () => number, options?: FramerOptions): { out: FramerOutput[]; framer: Framer } {
  const bytes = toBytes(input);
  const framer = new Framer(options);
  const out: FramerOutput[] = [];
  for (let i = 0; i < bytes.length; ) {
    const n = Math.max(1, sizes());
    out.push(...framer.push(bytes.subarray(i, i + n)));
    i += n;
  }
  return { out, framer };
}

/** Like feedAllWays, but with Framer options; returns the (identical) outputs. */
export function feedAllWaysWith(input: string | Uint8Array, options: FramerOptions): FramerOutput[] {
  const whole = feedChunks(input, () => Number.MAX_SAFE_INTEGER, options).out;
  expect(comparable(feedChunks(input, () => 1, options).out)).toEqual(comparable(whole));
  for (let seed = 1; seed <= 5; seed++) {
    const rand = seededRandom(seed);
    expect(comparable(feedChunks(input, () => 1 + Math.floor(rand() * 17), options).out)).toEqual(comparable(whole));
  }
  return whole;
}

/** Outputs of feedAllWays, summarised: replies as their final-line text, errors as 'error'. */
export function summary(input: string | Uint8Array, options?: FramerOptions): string[] {
  const out = options === undefined ? feedAllWays(input) : feedAllWaysWith(input, options);
  return out.map((o) => (o.kind === 'error' ? 'error' : `${o.reply.code} ${o.reply.lines[o.reply.lines.length - 1]!.text}`));
}

export function errorsOf(outputs: readonly FramerOutput[]): string[] {
  return outputs.flatMap((o) => (o.kind === 'error' ? [o.error.message] : []));
}

export function repliesIn(outputs: readonly FramerOutput[]): Reply[] {
  return outputs.flatMap((o) => (o.kind === 'reply' ? [o.reply] : []));
}
