// Reads an exposition back with the same maintained parser ortop uses for tor's MetricsPort, for
// assertions on values and labels.
import { parseTorMetrics } from '../../src/relay/tor-metrics/parse-tor-metrics.js';
import type { TorMetricFamily, TorMetricSample } from '../../src/relay/tor-metrics/types.js';

export function readBack(text: string): readonly TorMetricFamily[] {
  const parsed = parseTorMetrics(text);
  if (parsed.kind === 'error') throw new Error(parsed.message);
  return parsed.families;
}

/** Every sample of `name`, optionally only those whose labels include `match`. */
export function samples(families: readonly TorMetricFamily[], name: string, match: Record<string, string> = {}): TorMetricSample[] {
  return families
    .flatMap((f) => f.samples)
    .filter((s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v));
}

/** The one sample's value (throws when there is not exactly one). */
export function value(families: readonly TorMetricFamily[], name: string, match: Record<string, string> = {}): number {
  const found = samples(families, name, match);
  if (found.length !== 1) throw new Error(`${name} ${JSON.stringify(match)}: ${found.length} samples`);
  return found[0]!.value;
}
