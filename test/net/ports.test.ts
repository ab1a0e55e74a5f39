// Port blocks: consecutive, free on 127.0.0.1, and a taken port moves the block elsewhere.
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { allocatePortBlock, isPortFree } from './ports.js';

let servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  servers = [];
});

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen({ host: '127.0.0.1', port }, () => resolve(s));
  });
}

describe('allocatePortBlock', () => {
  it('returns consecutive ports that can all be bound', async () => {
    const ports = await allocatePortBlock(9);
    expect(ports).toHaveLength(9);
    expect(ports.every((p, i) => p === ports[0]! + i && p >= 30000 && p <= 40000)).toBe(true);
    for (const p of ports) expect(await isPortFree(p)).toBe(true);
  });

  it('skips a block with a taken port', async () => {
    const taken = await allocatePortBlock(1, { min: 41000, max: 49000 });
    servers.push(await listen(taken[0]!));
    expect(await isPortFree(taken[0]!)).toBe(false);
    // The first base tried covers the taken port; the second does not.
    const bases = [taken[0]! - 2, taken[0]! + 10];
    let call = 0;
    const random = () => (bases[Math.min(call++, 1)]! - 41000 + 0.5) / (49000 + 2 - 4 - 41000);
    const ports = await allocatePortBlock(4, { min: 41000, max: 49000, random });
    expect(ports[0]).toBe(taken[0]! + 10);
    expect(call).toBe(2);
  });

  it('says why when no block fits', async () => {
    await expect(allocatePortBlock(3, { min: 100, max: 101 })).rejects.toThrow(RangeError);
    const taken = await allocatePortBlock(1, { min: 41000, max: 49000 });
    servers.push(await listen(taken[0]!));
    await expect(allocatePortBlock(1, { min: taken[0]!, max: taken[0]!, attempts: 2 })).rejects.toThrow(/no block of 1 free ports/);
  });
});
