// A seeded mutation engine: takes seed inputs (real captures and fixtures) and derives hostile
// variants — bit flips, insertions of protocol-significant tokens, truncations, splices, huge
// numbers, unterminated data blocks, oversized lines. Deterministic for a given seed.
import { seededRandom } from '../helpers/seeded-random.js';

const TOKENS = [
  '"', '\\', '\\"', '\\\\', '\\777', '\\0', '\r\n', '\n', '\r', '.\r\n', '..', '250-', '250+', '250 ', '650 ', '650+', '650-',
  '=', '==', ' ', '$', '~', ',', ':', '[', ']', '99999999999999999999', '-1', '0x10', 'NaN', '1e309', '\x00', '\x1b[2J',
  '\xff\xfe', 'OK', 'BW ', 'CIRC ', 'r ', 's ', 'w Bandwidth=', 'p accept ', 'router ', '-----BEGIN ', '-----END ',
];

export function mutate(seedInput: Buffer, others: readonly Buffer[], rand: () => number): Buffer {
  let out = Buffer.from(seedInput);
  const steps = 1 + Math.floor(rand() * 4);
  for (let s = 0; s < steps; s++) {
    const pos = Math.floor(rand() * (out.length + 1));
    switch (Math.floor(rand() * 9)) {
      case 0: // flip a bit
        if (out.length > 0) out[Math.min(pos, out.length - 1)]! ^= 1 << Math.floor(rand() * 8);
        break;
      case 1: // delete a run
        out = Buffer.concat([out.subarray(0, pos), out.subarray(pos + 1 + Math.floor(rand() * 8))]);
        break;
      case 2: // insert a token
        out = Buffer.concat([out.subarray(0, pos), Buffer.from(TOKENS[Math.floor(rand() * TOKENS.length)]!, 'latin1'), out.subarray(pos)]);
        break;
      case 3: // truncate
        out = out.subarray(0, pos);
        break;
      case 4: // random bytes
        out = Buffer.concat([out.subarray(0, pos), Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 16) }, () => Math.floor(rand() * 256))), out.subarray(pos)]);
        break;
      case 5: // splice in part of another seed
        if (others.length > 0) {
          const o = others[Math.floor(rand() * others.length)]!;
          const a = Math.floor(rand() * o.length);
          out = Buffer.concat([out.subarray(0, pos), o.subarray(a, a + 1 + Math.floor(rand() * 200)), out.subarray(pos)]);
        }
        break;
      case 6: // duplicate a chunk
        out = Buffer.concat([out.subarray(0, pos), out.subarray(Math.max(0, pos - 40), pos), out.subarray(pos)]);
        break;
      case 7: // an oversized line
        out = Buffer.concat([out.subarray(0, pos), Buffer.alloc(2000 + Math.floor(rand() * 70_000), 0x41 + Math.floor(rand() * 26)), out.subarray(pos)]);
        break;
      default: // replace a digit run with a huge number
        out = Buffer.from(out.toString('latin1').replace(/\d+/, '18446744073709551617'), 'latin1');
    }
  }
  return out;
}

export function* cases(seeds: readonly Buffer[], count: number, seed: number): Generator<Buffer> {
  const rand = seededRandom(seed);
  for (let i = 0; i < count; i++) {
    const base = seeds[Math.floor(rand() * seeds.length)] ?? Buffer.alloc(0);
    yield i % 10 === 0 ? Buffer.from(Array.from({ length: Math.floor(rand() * 300) }, () => Math.floor(rand() * 256))) : mutate(base, seeds, rand);
  }
}
