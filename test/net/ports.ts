// Port blocks for the test network: ORPort/DirPort/SocksPort numbers must be written into every
// torrc before tor starts, so they are taken from a random range that was probed free on 127.0.0.1.
// Probing only binds and closes a listener; it never connects to anything that is already there.

import { createServer } from 'node:net';

export interface PortBlockOptions {
  /** Lowest port of the range to pick from. Default 30000. */
  readonly min?: number;
  /** Highest port of the range. Default 40000. */
  readonly max?: number;
  /** Random source in [0, 1). Default Math.random. */
  readonly random?: () => number;
  /** Blocks tried before giving up. Default 20. */
  readonly attempts?: number;
}

/** True if a listener can bind 127.0.0.1:port right now. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * `count` consecutive free ports. The first base is random in [min, max]; when a block has a taken
 * port, the next one starts just past it (never the same base twice), and a block that would run
 * past `max` starts again from a fresh random base.
 */
export async function allocatePortBlock(count: number, options: PortBlockOptions = {}): Promise<number[]> {
  const min = options.min ?? 30_000;
  const max = options.max ?? 40_000;
  const random = options.random ?? Math.random;
  const attempts = options.attempts ?? 20;
  if (count < 1 || max - min + 1 < count) throw new RangeError(`cannot fit ${count} ports in ${min}-${max}`);
  const randomBase = () => min + Math.floor(random() * (max - min + 2 - count));
  const tried: number[] = [];
  let base = randomBase();
  for (let i = 0; i < attempts; i++) {
    tried.push(base);
    const ports = Array.from({ length: count }, (_, k) => base + k);
    const free = await Promise.all(ports.map(isPortFree));
    const firstTaken = free.indexOf(false);
    if (firstTaken < 0) return ports;
    base = ports[firstTaken]! + 1;
    if (base + count - 1 > max || tried.includes(base)) base = randomBase();
  }
  throw new Error(`no block of ${count} free ports on 127.0.0.1 in ${min}-${max} (tried bases ${tried.join(', ')})`);
}
