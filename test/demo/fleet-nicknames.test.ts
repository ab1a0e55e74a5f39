// --demo N: each simulated relay has its own nickname (and fingerprint), so the Relays page and the
// metrics tell them apart; the single demo relay keeps its familiar ortopDemo.
import { describe, expect, it } from 'vitest';
import { openDemoController } from '../../src/app/session/demo-controller.js';

describe('demo relays of a fleet', () => {
  it('are ortopDemo1, ortopDemo2… with distinct fingerprints; the single demo stays ortopDemo', async () => {
    const opened = await Promise.all([undefined, 1000, 1001].map((seed) => openDemoController(seed === undefined ? {} : { seed })));
    try {
      const nicknames = await Promise.all(opened.map(async (o) => (await o.controller.getConfOne('Nickname'))[0]));
      expect(nicknames).toEqual(['ortopDemo', 'ortopDemo1', 'ortopDemo2']);
      const fingerprints = await Promise.all(opened.map((o) => o.controller.getInfoOne('fingerprint')));
      expect(new Set(fingerprints).size).toBe(3);
      const own = await opened[2]!.controller.getInfoOne(`ns/id/${fingerprints[2]}`);
      expect(own).toMatch(/^r ortopDemo2 /m);
    } finally {
      opened.forEach((o) => o.controller.close());
    }
  });
});
