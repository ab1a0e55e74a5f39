// Test helper: loads a directory-document fixture (a whole control-port message, CRLF kept),
// frames it whole/bytewise/at random splits, and returns the data block of its first line.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Reply } from '../../../src/protocol/index.js';
import { replyOf } from '../../helpers/feed.js';

export function fixtureBytes(name: string): string {
  return readFileSync(new URL(`../../fixtures/documents/${name}`, import.meta.url), 'latin1');
}

export function fixtureReply(name: string): Reply {
  return replyOf(fixtureBytes(name));
}

/** The data block of the fixture's first ('+') line, as the framer hands it out (a byte string). */
export function fixtureData(name: string): string {
  const data = fixtureReply(name).lines[0]?.data;
  expect(data).toBeTypeOf('string');
  return data!;
}
