import { describe, expect, it } from 'vitest';
import { limitsFromConf, observedFromDescriptor, parseDataSize } from '../../../src/relay/bandwidth/index.js';
import { parseGetInfo } from '../../../src/protocol/replies.js';
import { fixtureReply } from '../../protocol/documents/fixture.js';

describe('parseDataSize', () => {
  it.each([
    ['1073741824', 1073741824],
    ['1 GB', 1024 ** 3],
    ['100 KBytes', 102_400],
    ['2 MB', 2 * 1024 ** 2],
    ['8 Mbits', 1_000_000],
    ['0', 0],
  ])('%s → %i bytes', (text, bytes) => expect(parseDataSize(text)).toBe(bytes));

  it.each(['', 'lots', '-1', '1 parsec'])('%j is not a size', (text) => expect(parseDataSize(text)).toBeUndefined());
});

describe('limitsFromConf', () => {
  const conf = (entries: Record<string, string>) => new Map(Object.entries(entries).map(([k, v]) => [k, [v]]));

  it('takes the smallest of BandwidthRate, RelayBandwidthRate and MaxAdvertisedBandwidth (0 = unset)', () => {
    expect(
      limitsFromConf(conf({ BandwidthRate: '1073741824', BandwidthBurst: '1073741824', RelayBandwidthRate: '0', RelayBandwidthBurst: '0', MaxAdvertisedBandwidth: '1073741824' })),
    ).toEqual({ rateBytesPerSec: 1073741824, burstBytesPerSec: 1073741824 });
    expect(
      limitsFromConf(conf({ BandwidthRate: '1073741824', BandwidthBurst: '1073741824', RelayBandwidthRate: '5242880', RelayBandwidthBurst: '10485760', MaxAdvertisedBandwidth: '2097152' })),
    ).toEqual({ rateBytesPerSec: 2097152, burstBytesPerSec: 10485760 });
  });

  it('leaves unknown limits undefined', () => {
    expect(limitsFromConf(new Map())).toEqual({ rateBytesPerSec: undefined, burstBytesPerSec: undefined });
  });
});

describe('observedFromDescriptor', () => {
  it('reads the observed bandwidth and publication time from a real status/fresh-relay-descs', () => {
    const text = parseGetInfo(fixtureReply('getinfo-fresh-relay-descs.txt')).get('status/fresh-relay-descs')!;
    expect(observedFromDescriptor(text, 'fresh')).toEqual({ bytesPerSec: 0, publishedAtMs: Date.UTC(2026, 10, 27, 10, 49, 18), source: 'fresh' });
  });

  it('is undefined for empty or broken text', () => {
    expect(observedFromDescriptor('', 'published')).toBeUndefined();
    expect(observedFromDescriptor('router x', 'published')).toBeUndefined();
  });
});
