// A metric family as prom-client's Registry takes it without its Gauge/Counter bookkeeping: a name,
// a type and get() returning the values. The registry still does the exposition (escaping, HELP and
// TYPE lines, OpenMetrics' _total and # EOF); building values directly saves prom-client's per-set
// label hashing, which was most of a scrape's cost. Pure.

export interface MetricValue {
  /** The sample's name when it differs from the family's (histogram _bucket, …); else the family's. */
  readonly metricName?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface CustomMetric {
  /** prom-client renames OpenMetrics counters in place (drops _total): read at get() time. */
  name: string;
  readonly help: string;
  readonly type: string;
  get(): { name: string; help: string; type: string; values: readonly MetricValue[]; aggregator: 'sum' };
  reset(): void;
}

export function customMetric(name: string, help: string, type: string, values: readonly MetricValue[]): CustomMetric {
  const metric: CustomMetric = {
    name,
    help,
    type,
    get: () => ({ name: metric.name, help, type, values, aggregator: 'sum' }),
    reset: () => {},
  };
  return metric;
}
