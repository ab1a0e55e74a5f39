// What the bandwidth title shows besides the traffic: the rate limit and burst tor enforces
// (from GETCONF) and the observed bandwidth from our own server descriptor, with its age.
// Pure parsing; the collector asks tor.
import { parseServerDescriptor } from '../../protocol/documents/index.js';

export interface BandwidthLimits {
  /** min(BandwidthRate, RelayBandwidthRate when set, MaxAdvertisedBandwidth). */
  readonly rateBytesPerSec: number | undefined;
  /** min(BandwidthBurst, RelayBandwidthBurst when set). */
  readonly burstBytesPerSec: number | undefined;
}

export interface ObservedBandwidth {
  readonly bytesPerSec: number;
  /** When the descriptor carrying the figure was published. */
  readonly publishedAtMs: number;
  /** 'published': the descriptor the network has; 'fresh': the one tor would publish now. */
  readonly source: 'published' | 'fresh';
}

/** The GETCONF options the limits come from. */
export const LIMIT_OPTIONS = ['BandwidthRate', 'BandwidthBurst', 'RelayBandwidthRate', 'RelayBandwidthBurst', 'MaxAdvertisedBandwidth'] as const;

const UNIT_BYTES: ReadonlyArray<[RegExp, number]> = [
  [/^(b|bytes?)?$/i, 1],
  [/^(kb|kbytes?|kilobytes?)$/i, 1024],
  [/^(mb|mbytes?|megabytes?)$/i, 1024 ** 2],
  [/^(gb|gbytes?|gigabytes?)$/i, 1024 ** 3],
  [/^(tb|tbytes?|terabytes?)$/i, 1024 ** 4],
  [/^(bits?)$/i, 1 / 8],
  [/^(kbits?|kilobits?)$/i, 1000 / 8],
  [/^(mbits?|megabits?)$/i, 1e6 / 8],
  [/^(gbits?|gigabits?)$/i, 1e9 / 8],
  [/^(tbits?|terabits?)$/i, 1e12 / 8],
];

/**
 * A DataSize as GETCONF reports it (bytes: "1073741824") or as a torrc spells it ("1 GB",
 * "100 KBytes", "8 Mbits"). Undefined when it is not one.
 */
export function parseDataSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$/.exec(value);
  if (m === null) return undefined;
  const unit = UNIT_BYTES.find(([re]) => re.test(m[2]!));
  return unit === undefined ? undefined : Math.round(Number(m[1]) * unit[1]);
}

/** Limits from GETCONF values (option name → values; names matched case-insensitively). */
export function limitsFromConf(conf: ReadonlyMap<string, readonly string[]>): BandwidthLimits {
  const get = (name: string): number | undefined => {
    for (const [key, values] of conf) if (key.toLowerCase() === name.toLowerCase()) return parseDataSize(values[0]);
    return undefined;
  };
  const positive = (n: number | undefined) => (n !== undefined && n > 0 ? n : undefined);
  const min = (...values: Array<number | undefined>) => {
    const present = values.filter((v): v is number => v !== undefined);
    return present.length === 0 ? undefined : Math.min(...present);
  };
  return {
    rateBytesPerSec: min(get('BandwidthRate'), positive(get('RelayBandwidthRate')), positive(get('MaxAdvertisedBandwidth'))),
    burstBytesPerSec: min(get('BandwidthBurst'), positive(get('RelayBandwidthBurst'))),
  };
}

/** The observed bandwidth in a server descriptor (GETINFO desc/id/<fp> or status/fresh-relay-descs). */
export function observedFromDescriptor(text: string, source: ObservedBandwidth['source']): ObservedBandwidth | undefined {
  if (text.trim() === '') return undefined;
  try {
    const desc = parseServerDescriptor(text, { input: 'text' });
    return { bytesPerSec: desc.bandwidth.observedBytesPerSec, publishedAtMs: desc.publishedAtMs, source };
  } catch {
    return undefined;
  }
}
