// Test helper: text written with "\n" → CRLF → framer (whole, bytewise, random splits) → parseEvent,
// with the result narrowed to the expected kind (the test fails with the event shown if it differs).
import { expect } from 'vitest';
import { parseEvent, type TorEvent } from '../../../src/protocol/index.js';
import { crlf, replyOf } from '../../helpers/feed.js';

/** Parses one event given as text lines ending in "\n" (a final newline is added if missing). */
export function eventOf(text: string): TorEvent {
  const withEnd = text.endsWith('\n') ? text : `${text}\n`;
  return parseEvent(replyOf(crlf(withEnd)));
}

/** Parses one event and asserts its kind; returns it narrowed. */
export function parsedAs<K extends TorEvent['kind']>(kind: K, text: string): Extract<TorEvent, { kind: K }> {
  const event = eventOf(text);
  if (event.kind !== kind) expect.fail(`expected kind ${kind}, got ${JSON.stringify(event, mapReplacer)}`);
  return event as Extract<TorEvent, { kind: K }>;
}

/** Asserts the text parses to a malformed event whose message contains `fragment`. */
export function expectMalformed(text: string, fragment: string): void {
  const event = eventOf(text);
  if (event.kind !== 'malformed') expect.fail(`expected malformed, got ${JSON.stringify(event, mapReplacer)}`);
  expect(event.error).toContain(fragment);
}

function mapReplacer(_key: string, value: unknown): unknown {
  return value instanceof Map ? Object.fromEntries(value) : value;
}
