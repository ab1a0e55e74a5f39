// tor's own MetricsPort families re-exported under tor's names, each sample with ortop's relay
// labels added, so one scrape target covers both and dashboards built on tor's MetricsPort keep
// working. Samples of the same family from several relays are merged. tor's names are kept even
// where they break Prometheus conventions (a counter without _total); in OpenMetrics, where every
// counter sample must end in _total, such a family is exposed as `unknown` so its name survives.
// Pure: families in, prom-client metric objects out (prom-client writes them).
import type { Registry, RegistryContentType } from 'prom-client';
import type { TorMetricFamily } from '../relay/tor-metrics/types.js';
import { cleanField } from '../relay/fleet/relay-summary.js';
import { customMetric, type CustomMetric, type MetricValue } from './custom-metric.js';
import { cleanLabelValue, isLabelName, isMetricName, RELAY_LABEL_NAMES, type RelayLabels } from './relay-labels.js';

/** Per relay at most this many families and samples are re-exported (tor 0.4.9 has ~60 families, ~400 samples). */
export const MAX_TOR_FAMILIES = 500;
export const MAX_TOR_SAMPLES = 20_000;

const SUFFIXES: Readonly<Record<TorMetricFamily['type'], readonly string[]>> = {
  counter: ['', '_total', '_created'],
  gauge: [''],
  histogram: ['_bucket', '_sum', '_count', '_created'],
  summary: ['', '_sum', '_count', '_created'],
  untyped: [''],
};

type Value = MetricValue & { readonly metricName: string };

interface Merged {
  readonly family: TorMetricFamily;
  readonly values: Value[];
  readonly seen: Set<string>;
}

export interface TorFamiliesInput {
  readonly labels: RelayLabels;
  readonly families: readonly TorMetricFamily[];
}

/** Registers tor's families from every relay into `registry`; names ortop uses itself are skipped. */
export function addTorFamilies(registry: Registry<RegistryContentType>, relays: readonly TorFamiliesInput[], openMetrics: boolean, taken: ReadonlySet<string>): void {
  const merged = new Map<string, Merged>();
  // tor repeats the same few label names and values in every sample: each is checked once a scrape.
  const names = new Map<string, boolean>();
  const values = new Map<string, string>();
  const usable = (k: string) => {
    let ok = names.get(k);
    if (ok === undefined) names.set(k, (ok = isLabelName(k) && !(RELAY_LABEL_NAMES as readonly string[]).includes(k)));
    return ok;
  };
  const clean = (v: string) => {
    let c = values.get(v);
    if (c === undefined) values.set(v, (c = cleanLabelValue(v)));
    return c;
  };
  for (const relay of relays) {
    let samples = 0;
    const relayKey = `${relay.labels.relay}\u0000${relay.labels.nickname}\u0000${relay.labels.fingerprint}`;
    for (const family of relay.families.slice(0, MAX_TOR_FAMILIES)) {
      if (!isMetricName(family.name) || family.name.startsWith('ortop_') || taken.has(family.name)) continue;
      let m = merged.get(family.name);
      if (m === undefined) merged.set(family.name, (m = { family, values: [], seen: new Set() }));
      const allowed = SUFFIXES[m.family.type].map((s) => family.name + s);
      for (const sample of family.samples) {
        if (++samples > MAX_TOR_SAMPLES) break;
        if (!allowed.includes(sample.name) || Number.isNaN(sample.value)) continue;
        const labels: Record<string, string> = {};
        let key = `${sample.name}\u0000${relayKey}`;
        for (const k of Object.keys(sample.labels).sort()) {
          if (!usable(k)) continue;
          const v = clean(sample.labels[k]!);
          labels[k] = v;
          key += `\u0000${k}\u0001${v}`;
        }
        Object.assign(labels, relay.labels);
        if (m.seen.has(key)) continue;
        m.seen.add(key);
        m.values.push({ metricName: sample.name, labels, value: sample.value });
      }
    }
  }
  const familyNames = new Set([...merged.keys(), ...taken]);
  for (const m of merged.values()) {
    const metric = toCustomMetric(m, openMetrics, familyNames);
    // A name clash left after the checks above costs that family, never the scrape.
    if (registry.getSingleMetric(metric.name) === undefined) registry.registerMetric(metric as never);
  }
}

/** `names`: every family name in the scrape, so an OpenMetrics counter renamed for its _total cannot take another's name. */
function toCustomMetric(m: Merged, openMetrics: boolean, names: ReadonlySet<string>): CustomMetric {
  const { family } = m;
  let type: string = family.type;
  let name = family.name;
  let values = m.values;
  if (openMetrics) {
    if (family.type === 'untyped') type = 'unknown';
    else if (family.type === 'counter') {
      // prom-client appends _total to every OpenMetrics counter sample: strip it first, or keep the name as unknown.
      const base = name.slice(0, -'_total'.length);
      if (name.endsWith('_total') && !names.has(base) && values.every((v) => v.metricName === name)) {
        name = base;
        values = values.map((v) => ({ ...v, metricName: base }));
      } else type = 'unknown';
    }
  }
  const help = cleanField(family.help, 1000) || family.name;
  return customMetric(name, help, type, values);
}
