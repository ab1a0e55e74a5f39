// Finds the absurd values that would flatten a graph (Nyx issue #72: multi-GB/s readings at start,
// from the first BW event covering all the time since per-second events were last on). The
// values themselves are never changed: the graph clips their bars and says so. Pure.

export interface SpikeOptions {
  /** Values above this are impossible for this relay (its burst limit); undefined = no such limit. */
  readonly hardLimit?: number | undefined;
  /** A value this many times the next largest is an outlier… */
  readonly ratio?: number;
  /** …if it is also above this floor (so ordinary small-scale blips stay). */
  readonly floor?: number;
  /** …and the next largest shows real traffic (an idle relay's first busy second is no spike). */
  readonly minNext?: number;
  /** Outliers found by ratio at most (values over hardLimit always count). */
  readonly maxOutliers?: number;
}

export const SPIKE_RATIO = 10;
export const SPIKE_FLOOR_BYTES_PER_SEC = 1024 * 1024;
export const SPIKE_MIN_NEXT_BYTES_PER_SEC = 1024;

/** Indices of the spikes in `values` (NaN = no data, never a spike). */
export function findSpikes(values: readonly number[], options: SpikeOptions = {}): Set<number> {
  const ratio = options.ratio ?? SPIKE_RATIO;
  const floor = options.floor ?? SPIKE_FLOOR_BYTES_PER_SEC;
  const minNext = options.minNext ?? SPIKE_MIN_NEXT_BYTES_PER_SEC;
  const spikes = new Set<number>();
  let finite = 0;
  for (const v of values) if (Number.isFinite(v)) finite++;
  const limit = options.hardLimit;
  if (limit !== undefined && limit > 0) {
    const over: number[] = [];
    values.forEach((v, i) => {
      if (v > limit) over.push(i);
    });
    // A "limit" most values exceed is not the relay's real limit (changed config, accounting): ignore it.
    if (over.length * 2 < finite) for (const i of over) spikes.add(i);
  }
  if (finite - spikes.size < 3) return spikes;
  for (let round = 0; round < (options.maxOutliers ?? 2); round++) {
    let top = -1;
    let topValue = -Infinity;
    let second = -Infinity;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!Number.isFinite(v) || spikes.has(i)) continue;
      if (v > topValue) {
        second = topValue;
        topValue = v;
        top = i;
      } else if (v > second) {
        second = v;
      }
    }
    if (top < 0 || topValue <= floor || second < minNext || topValue <= ratio * second) break;
    spikes.add(top);
  }
  return spikes;
}
