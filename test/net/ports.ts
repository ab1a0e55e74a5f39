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

/** `count` consecutive free ports from a random base in [min, max]. */
export async function allocatePortBlock(count: number, options: PortBlockOptions = {}): Promise<number[]> {
  const min = options.min ?? 30_000;
  const max = options.max ?? 40_000;
  const random = options.random ?? Math.random;
  const attempts = options.attempts ?? 20;
  if (count < 1 || max - min + 1 < count) throw new RangeError(`cannot fit ${count} ports in ${min}-${max}`);
  const tried: number[] = [];
  for (let i = 0; i < attempts; i++) {
    const base = min + Math.floor(random() * (max - min + 2 - count));
    tried.push(base);
    const ports = Array.from({ length: count }, (_, k) => base + k);
    const free = await Promise.all(ports.map(isPortFree));
    if (free.every(Boolean)) return ports;
  }
  throw new Error(`no block of ${count} free ports on 127.0.0.1 in ${min}-${max} (tried bases ${tried.join(', ')})`);
}
