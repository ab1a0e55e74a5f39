// TorEventMap (what a typed listener is promised) matches what parseEvent really returns: every
// event of a mapped type in the captures and Stem's vectors parses to the kind TOR_EVENT_KINDS
// gives, and every mapped type is covered (the three the fixtures lack are written here).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventTypeOf, Framer, parseEvent, TOR_EVENT_KINDS, type TorEventType } from '../../../src/protocol/index.js';
import { eventOf } from './event-of.js';

const isMapped = (type: string): type is TorEventType => Object.hasOwn(TOR_EVENT_KINDS, type);

describe('TorEventMap', () => {
  it('each mapped event type parses to the kind the map promises', () => {
    const covered = new Set<string>();
    for (const name of ['tor-0.4.9.11.txt', 'stem-vectors.txt']) {
      for (const out of new Framer().push(readFileSync(new URL(`../../fixtures/events/${name}`, import.meta.url)))) {
        if (out.kind !== 'reply' || out.reply.code !== 650) continue;
        const type = eventTypeOf(out.reply);
        if (!isMapped(type)) continue;
        expect(parseEvent(out.reply).kind, `${name}: ${out.reply.lines[0]!.text}`).toBe(TOR_EVENT_KINDS[type]);
        covered.add(type);
      }
    }
    for (const [type, text] of [
      ['DEBUG', '650 DEBUG connection_edge_process_relay_cell: Now seen 1 relay cells here'],
      ['ERR', '650 ERR Could not bind to 127.0.0.1:9051: Address already in use'],
      ['STATUS_GENERAL', '650 STATUS_GENERAL NOTICE CLOCK_JUMPED TIME=120'],
    ] as const) {
      expect(eventOf(text).kind).toBe(TOR_EVENT_KINDS[type]);
      covered.add(type);
    }
    expect([...covered].sort()).toEqual(Object.keys(TOR_EVENT_KINDS).sort());
  });

  it('a type ortop does not parse is not in the map (it gets kind unknown)', () => {
    expect(isMapped('PT_LOG')).toBe(false);
    expect(eventOf('650 PT_LOG PT=/usr/bin/obfs4proxy SEVERITY=notice MESSAGE="hi"').kind).toBe('unknown');
  });
});
