// Reads tor's MetricsPort answer (Prometheus text exposition format 0.0.4) into TorMetricFamily values
// with parse-prometheus-text-format, and refuses what is not that format with a reason. Pure: no I/O.
// Family names, label names and label values are kept verbatim (the exporter re-exports them as tor's).
import parsePrometheusTextFormat, { type ParsedPromFamily, type ParsedPromMetric } from 'parse-prometheus-text-format';
import type { TorMetricFamily, TorMetricSample } from './types.js';

/**
 * tor 0.4.9 exposes ~25 families and ~300 samples (more with onion services). Past these caps the
 * answer is refused: the parser costs ~5 µs a line, so a bigger body would stall the event loop.
 */
export const MAX_FAMILIES = 500;
export const MAX_SAMPLES = 10_000;
export const MAX_LINES = 12_000;

export type ParsedTorMetrics =
  | { readonly kind: 'ok'; readonly families: readonly TorMetricFamily[]; readonly skippedSamples: number }
  | { readonly kind: 'error'; readonly message: string };

const TYPES: Readonly<Record<ParsedPromFamily['type'], TorMetricFamily['type']>> = {
  COUNTER: 'counter',
  GAUGE: 'gauge',
  HISTOGRAM: 'histogram',
  SUMMARY: 'summary',
  UNTYPED: 'untyped',
};

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** "1.5", "+Inf", "NaN" → number; anything else → undefined. */
function parseValue(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (t === '+Inf' || t === 'Inf') return Number.POSITIVE_INFINITY;
  if (t === '-Inf') return Number.NEGATIVE_INFINITY;
  if (t === 'NaN') return Number.NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}

function labelsOf(m: ParsedPromMetric): Readonly<Record<string, string>> | undefined {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.labels ?? {})) {
    if (!LABEL_NAME.test(k) || typeof v !== 'string') return undefined;
    out[k] = v;
  }
  return out;
}

/** The library folds histogram/summary lines into one object; unfold them back into tor's sample lines. */
function samplesOf(family: ParsedPromFamily, m: ParsedPromMetric): Array<{ name: string; labels: Record<string, string>; text: string | undefined }> {
  const labels = { ...(labelsOf(m) ?? {}) };
  const out: Array<{ name: string; labels: Record<string, string>; text: string | undefined }> = [];
  if (m.buckets !== undefined) for (const [le, v] of Object.entries(m.buckets)) out.push({ name: `${family.name}_bucket`, labels: { ...labels, le }, text: v });
  if (m.quantiles !== undefined) for (const [q, v] of Object.entries(m.quantiles)) out.push({ name: family.name, labels: { ...labels, quantile: q }, text: v });
  if (m.sum !== undefined) out.push({ name: `${family.name}_sum`, labels, text: m.sum });
  if (m.count !== undefined) out.push({ name: `${family.name}_count`, labels, text: m.count });
  if (m.value !== undefined) out.push({ name: family.name, labels, text: m.value });
  return out;
}

/**
 * The text exposition format as tor writes it:
 *   # HELP tor_relay_load_onionskins_total Total number of onionskins handled
 *   # TYPE tor_relay_load_onionskins_total counter
 *   tor_relay_load_onionskins_total{type="ntor",action="processed"} 0
 * Samples with a value that is not a number are skipped and counted; a body with no family at all,
 * or that the parser rejects, is an error.
 */
export function parseTorMetrics(text: string): ParsedTorMetrics {
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (++lines > MAX_LINES) return { kind: 'error', message: `more than ${MAX_LINES} lines: not tor's MetricsPort` };
  }
  let parsed: ParsedPromFamily[];
  try {
    // The parser drops a last sample line that has no newline after it.
    parsed = parsePrometheusTextFormat(text.endsWith('\n') ? text : `${text}\n`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'error', message: `not Prometheus text format: ${message.slice(0, 120)}` };
  }
  const byName = new Map<string, { name: string; type: TorMetricFamily['type']; help: string; samples: TorMetricSample[] }>();
  let skippedSamples = 0;
  let kept = 0;
  for (const family of parsed) {
    if (!METRIC_NAME.test(family.name)) return { kind: 'error', message: 'not Prometheus text format: a metric name with characters no metric name has' };
    let target = byName.get(family.name);
    if (target === undefined) {
      if (byName.size >= MAX_FAMILIES) return { kind: 'error', message: `more than ${MAX_FAMILIES} metric families: not tor's MetricsPort` };
      target = { name: family.name, type: TYPES[family.type] ?? 'untyped', help: family.help, samples: [] };
      byName.set(family.name, target);
    }
    for (const m of family.metrics) {
      if (labelsOf(m) === undefined) {
        skippedSamples++;
        continue;
      }
      for (const s of samplesOf(family, m)) {
        const value = parseValue(s.text);
        if (value === undefined) {
          skippedSamples++;
          continue;
        }
        if (++kept > MAX_SAMPLES) return { kind: 'error', message: `more than ${MAX_SAMPLES} samples: not tor's MetricsPort` };
        target.samples.push({ name: s.name, labels: s.labels, value });
      }
    }
  }
  const families = [...byName.values()].filter((f) => f.samples.length > 0);
  if (families.length === 0) return { kind: 'error', message: 'no metrics in the answer: not Prometheus text format' };
  return { kind: 'ok', families, skippedSamples };
}
