// One scrape: ortop's relay families, tor's re-exported MetricsPort families and ortop's own process
// metrics, in one prom-client registry in the format the scraper asked for. Building is pure (inputs
// in, registry out); only the process metrics registry lives across scrapes (prom-client keeps
// event-loop and GC observers there). docs/metrics.md describes every series.
import { collectDefaultMetrics, Gauge, Registry, type RegistryContentType } from 'prom-client';
import { VERSION } from '../version.js';
import { addRelayFamilies, RELAY_FAMILIES, relayLabelsOf } from './relay-families.js';
import type { RelayMetricsInput } from './relay-metrics-input.js';
import { addTorFamilies } from './tor-families.js';

export type ExpositionFormat = 'prometheus' | 'openmetrics';

export type AnyRegistry = Registry<RegistryContentType>;

export const CONTENT_TYPES: Readonly<Record<ExpositionFormat, RegistryContentType>> = {
  prometheus: Registry.PROMETHEUS_CONTENT_TYPE,
  openmetrics: Registry.OPENMETRICS_CONTENT_TYPE,
};

export const PROCESS_PREFIX = 'ortop_';
const LINT_FAILING_DEFAULTS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

/**
 * ortop's own process metrics (prom-client's default set, prefixed ortop_), one registry per
 * format: OpenMetrics renames counters in place, so the two cannot share metric objects.
 */
export class ProcessMetrics {
  private readonly registries = new Map<ExpositionFormat, AnyRegistry>();

  registry(format: ExpositionFormat): AnyRegistry {
    let r = this.registries.get(format);
    if (r === undefined) {
      r = newRegistry(format);
      collectDefaultMetrics({ register: r, prefix: PROCESS_PREFIX });
      // Gauges named *_total break Prometheus's naming rule (promtool lint); their by-type twins stay.
      for (const name of LINT_FAILING_DEFAULTS) r.removeSingleMetric(PROCESS_PREFIX + name);
      this.registries.set(format, r);
    }
    return r;
  }
}

export interface ScrapeOptions {
  readonly format: ExpositionFormat;
  /** Left out (tests of the relay series alone) when undefined. */
  readonly processMetrics?: ProcessMetrics;
}

export const EXPORTER_FAMILIES = [
  { name: 'ortop_build_info', kind: 'gauge', help: "Always 1; ortop's version as a label.", labels: ['version'] },
  { name: 'ortop_relays', kind: 'gauge', help: 'Relays ortop watches (attached or trying to).' },
] as const;

/** The registry for one scrape of `inputs`. */
export function buildScrapeRegistry(inputs: readonly RelayMetricsInput[], options: ScrapeOptions): AnyRegistry {
  const registry = newRegistry(options.format);
  new Gauge({ name: 'ortop_build_info', help: EXPORTER_FAMILIES[0].help, labelNames: ['version'], registers: [registry] }).set({ version: VERSION }, 1);
  new Gauge({ name: 'ortop_relays', help: EXPORTER_FAMILIES[1].help, registers: [registry] }).set(inputs.length);
  addRelayFamilies(registry, inputs);
  const taken = new Set<string>(RELAY_FAMILIES.map((f) => f.name));
  const tor = inputs.filter((i) => i.torMetrics !== undefined && i.torMetrics.families.length > 0).map((i) => ({ labels: relayLabelsOf(i.summary), families: i.torMetrics!.families }));
  addTorFamilies(registry, tor, options.format === 'openmetrics', taken);
  if (options.processMetrics === undefined) return registry;
  // prom-client's types say merge takes text-format registries only; it keeps the first one's format.
  return Registry.merge([options.processMetrics.registry(options.format), registry] as unknown as Registry[]) as unknown as AnyRegistry;
}

function newRegistry(format: ExpositionFormat): AnyRegistry {
  const r = new Registry<RegistryContentType>();
  r.setContentType(CONTENT_TYPES[format]);
  return r;
}

/** The exposition text of one scrape. */
export async function renderScrape(inputs: readonly RelayMetricsInput[], options: ScrapeOptions): Promise<{ readonly contentType: string; readonly body: string }> {
  const registry = buildScrapeRegistry(inputs, options);
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/**
 * The format an Accept header asks for: OpenMetrics when it lists application/openmetrics-text with
 * a q at least as high as any text/plain, as Prometheus's scrape does; the text format otherwise.
 */
export function negotiateFormat(accept: string | undefined): ExpositionFormat {
  let open = -1;
  let text = -1;
  for (const part of (accept ?? '').split(',')) {
    const [type, ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0) continue;
    if (type === 'application/openmetrics-text') open = Math.max(open, q);
    else if (type === 'text/plain' || type === '*/*' || type === 'text/*') text = Math.max(text, q);
  }
  return open >= 0 && open >= text ? 'openmetrics' : 'prometheus';
}
