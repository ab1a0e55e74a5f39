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

  it('skips a block with a taken port and never retries the same base', async () => {
    const taken = await allocatePortBlock(1, { min: 41000, max: 49000 });
    servers.push(await listen(taken[0]!));
    expect(await isPortFree(taken[0]!)).toBe(false);
    // Every random draw lands on a block that covers the taken port: the allocator must move past it.
    let calls = 0;
    const random = () => {
      calls++;
      return (taken[0]! - 2 - 41000 + 0.5) / (49000 + 2 - 4 - 41000);
    };
    const ports = await allocatePortBlock(4, { min: 41000, max: 49000, random });
    expect(ports[0]).toBeGreaterThan(taken[0]!);
    expect(ports.every((p, i) => p === ports[0]! + i)).toBe(true);
    expect(calls).toBe(1);
  });

  it('moves past a taken port instead of giving up on it', async () => {
    const taken = await allocatePortBlock(2, { min: 41000, max: 49000 });
    for (const p of taken) servers.push(await listen(p));
    const error = await allocatePortBlock(1, { min: taken[0]!, max: taken[1]!, attempts: 2, random: () => 0 }).then(
      () => new Error('allocated a taken port'),
      (e: Error) => e,
    );
    expect(error.message).toContain(`tried bases ${taken[0]}, ${taken[1]})`);
  });

  it('says why when no block fits', async () => {
    await expect(allocatePortBlock(3, { min: 100, max: 101 })).rejects.toThrow(RangeError);
    const taken = await allocatePortBlock(1, { min: 41000, max: 49000 });
    servers.push(await listen(taken[0]!));
    await expect(allocatePortBlock(1, { min: taken[0]!, max: taken[0]!, attempts: 2 })).rejects.toThrow(/no block of 1 free ports/);
  });
});
