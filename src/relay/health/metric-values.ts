// Sums over tor's MetricsPort families by label, as the health checks need them. Pure.
import type { TorMetricsModel } from '../tor-metrics/types.js';

/**
 * Sum of a family's samples whose labels match `where` (every key equal); undefined when the
 * MetricsPort was not read or tor has no such family. `where` values may be a list (any of).
 */
export function sumMetric(
  model: TorMetricsModel | undefined,
  family: string,
  where: Readonly<Record<string, string | readonly string[] | undefined>> = {},
): number | undefined {
  const f = model?.families.find((x) => x.name === family);
  if (f === undefined) return undefined;
  let sum = 0;
  for (const s of f.samples) {
    if (s.name !== family) continue;
    let match = true;
    for (const [k, want] of Object.entries(where)) {
      const have = s.labels[k];
      if (want === undefined ? have !== undefined : typeof want === 'string' ? have !== want : have === undefined || !want.includes(have)) {
        match = false;
        break;
      }
    }
    if (match && Number.isFinite(s.value)) sum += s.value;
  }
  return sum;
}

/** Per-label sums: { cell: 0, dns: 1024, … } for tor_relay_load_oom_bytes_total by subsys. */
export function sumByLabel(model: TorMetricsModel | undefined, family: string, label: string): ReadonlyArray<readonly [string, number]> {
  const f = model?.families.find((x) => x.name === family);
  if (f === undefined) return [];
  const sums = new Map<string, number>();
  for (const s of f.samples) {
    const key = s.labels[label];
    if (s.name !== family || key === undefined || !Number.isFinite(s.value)) continue;
    sums.set(key, (sums.get(key) ?? 0) + s.value);
  }
  return [...sums];
}
