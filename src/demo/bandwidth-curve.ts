// The demo relay's traffic: bytes per second that follow a daily curve (a sine with its peak in
// the evening UTC) plus correlated noise and rare bursts, capped by the configured rate; and the
// last 300 seconds of it for GETINFO bw-event-cache. Pure functions of the PRNG and the time.

import type { Random } from './random.js';

const DAY_MS = 86_400_000;
/** Hour of day (UTC) when traffic peaks. */
const PEAK_HOUR_UTC = 20;
/** tor keeps this many one-second samples in bw-event-cache. */
export const BW_HISTORY_LENGTH = 300;

export interface BwSample {
  readonly readBytes: number;
  readonly writtenBytes: number;
}

/** 1 ± 0.4 over the day, highest at PEAK_HOUR_UTC. */
export function diurnalFactor(atMs: number): number {
  const hour = ((atMs % DAY_MS) + DAY_MS) % DAY_MS / 3_600_000;
  return 1 + 0.4 * Math.cos(((hour - PEAK_HOUR_UTC) / 24) * 2 * Math.PI);
}

export class BandwidthSource {
  private readonly random: Random;
  private readonly meanBytesPerSec: number;
  private noise = 0;
  private burstLeft = 0;
  private burstFactor = 1;

  constructor(random: Random, meanBytesPerSec: number) {
    this.random = random;
    this.meanBytesPerSec = meanBytesPerSec;
  }

  /** Average bytes per second (each direction) over a whole day. */
  get mean(): number {
    return this.meanBytesPerSec;
  }

  /** One second of traffic ending at `atMs`, never above `capBytesPerSec`. */
  sample(atMs: number, capBytesPerSec: number): BwSample {
    const random = this.random;
    this.noise = 0.9 * this.noise + 0.1 * random.normal() * 1.2;
    if (this.burstLeft > 0) this.burstLeft--;
    else if (random.chance(0.002)) {
      this.burstLeft = random.int(5, 40);
      this.burstFactor = random.float(1.3, 1.9);
    }
    const burst = this.burstLeft > 0 ? this.burstFactor : 1;
    const level = this.meanBytesPerSec * diurnalFactor(atMs) * Math.exp(this.noise * 0.35 + random.normal() * 0.08) * burst;
    const read = Math.min(capBytesPerSec, Math.max(0, Math.round(level)));
    const written = Math.min(capBytesPerSec, Math.max(0, Math.round(read * (1.012 + random.normal() * 0.015))));
    return { readBytes: read, writtenBytes: written };
  }
}

/** A ring of the last BW_HISTORY_LENGTH samples, oldest first when formatted. */
export class BwHistory {
  private readonly reads = new Array<number>(BW_HISTORY_LENGTH).fill(0);
  private readonly writes = new Array<number>(BW_HISTORY_LENGTH).fill(0);
  private next = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(sample: BwSample): void {
    this.reads[this.next] = sample.readBytes;
    this.writes[this.next] = sample.writtenBytes;
    this.next = (this.next + 1) % BW_HISTORY_LENGTH;
    this.count = Math.min(BW_HISTORY_LENGTH, this.count + 1);
  }

  /** "read,written read,written …" as GETINFO bw-event-cache answers. */
  format(): string {
    const out: string[] = [];
    const start = (this.next - this.count + BW_HISTORY_LENGTH) % BW_HISTORY_LENGTH;
    for (let i = 0; i < this.count; i++) {
      const k = (start + i) % BW_HISTORY_LENGTH;
      out.push(`${this.reads[k]},${this.writes[k]}`);
    }
    return out.join(' ');
  }

  clear(): void {
    this.next = 0;
    this.count = 0;
  }
}
