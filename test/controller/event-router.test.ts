// The event router parses an event only when a parsed listener wants it: a type followed only
// unparsed (the connections model's STREAM batches) costs no parse at all.
import { describe, expect, it, vi } from 'vitest';
import type { Reply } from '../../src/protocol/reply.js';

const parses = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/protocol/events/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/protocol/events/index.js')>();
  return {
    ...real,
    parseEvent: (reply: Reply) => {
      parses.count++;
      return real.parseEvent(reply);
    },
  };
});

const { EventRouter } = await import('../../src/controller/event-router.js');

const reply = (text: string): Reply => ({ code: 650, lines: [{ code: 650, separator: ' ', text }] });

describe('EventRouter', () => {
  it('hands unparsed listeners the reply without parsing it, and parses once for the parsed ones', () => {
    parses.count = 0;
    let changes = 0;
    const router = new EventRouter(['SIGNAL'], () => changes++);
    const unparsed: string[] = [];
    const offUnparsed = router.addUnparsed('stream', (r) => unparsed.push(r.lines[0]!.text));
    expect(router.wantedTypes()).toEqual(['SIGNAL', 'STREAM']);
    expect(changes).toBe(1);
    const errors: unknown[] = [];
    router.dispatch('STREAM', reply('STREAM 70 NEW 0 example.com:80'), (_t, e) => errors.push(e));
    expect(unparsed).toEqual(['STREAM 70 NEW 0 example.com:80']);
    expect(parses.count).toBe(0);

    const kinds: string[] = [];
    router.add('STREAM', (event) => kinds.push(event.kind));
    router.add('STREAM', (event) => kinds.push(event.kind));
    router.dispatch('STREAM', reply('STREAM 71 CLOSED 0 example.com:80 REASON=DONE'), (_t, e) => errors.push(e));
    expect(kinds).toEqual(['STREAM', 'STREAM']);
    expect(unparsed).toHaveLength(2);
    expect(parses.count).toBe(1);
    expect(errors).toEqual([]);

    offUnparsed();
    offUnparsed();
    expect(router.listenerCount('STREAM')).toBe(2);
  });

  it('reports an unparsed listener that throws and still calls the others', () => {
    const router = new EventRouter([], () => {});
    const seen: string[] = [];
    router.addUnparsed('BW', () => {
      throw new Error('boom');
    });
    router.add('BW', (event) => seen.push(event.kind));
    const errors: string[] = [];
    router.dispatch('BW', reply('BW 1 2'), (type, e) => errors.push(`${type}: ${(e as Error).message}`));
    expect(seen).toEqual(['BW']);
    expect(errors).toEqual(['BW: boom']);
  });
});
