// tor's MetricsPort data as ortop holds it: the families tor exposes, verbatim names and labels.
// Agreed interface between the Health page and the Prometheus exporter: keep its shape.
// Pure types only: no parsing, no I/O here.

export interface TorMetricSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface TorMetricFamily {
  /** tor's own family name, e.g. tor_relay_load_onionskins_total */
  readonly name: string;
  readonly type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  readonly help: string;
  readonly samples: readonly TorMetricSample[];
}

export interface TorMetricsModel {
  /** "127.0.0.1:9035" (from GETCONF MetricsPort, or given); undefined = none */
  readonly source: string | undefined;
  /** last successful scrape */
  readonly fetchedAtMs: number | undefined;
  readonly families: readonly TorMetricFamily[];
  /** why there is no data ("no MetricsPort configured", "HTTP 403 …"); undefined when the last scrape worked */
  readonly problem: string | undefined;
}

export const EMPTY_TOR_METRICS: TorMetricsModel = {
  source: undefined,
  fetchedAtMs: undefined,
  families: [],
  problem: 'no MetricsPort configured',
};
