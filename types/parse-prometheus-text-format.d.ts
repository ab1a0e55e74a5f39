// Types for parse-prometheus-text-format 1.1 (the package ships none): the shape its parser returns.
declare module 'parse-prometheus-text-format' {
  export interface ParsedPromMetric {
    readonly value?: string;
    readonly labels?: Record<string, string>;
    readonly timestamp_ms?: string;
    /** histograms: le → cumulative count */
    readonly buckets?: Record<string, string>;
    /** summaries: quantile → value */
    readonly quantiles?: Record<string, string>;
    readonly sum?: string;
    readonly count?: string;
  }
  export interface ParsedPromFamily {
    readonly name: string;
    readonly help: string;
    readonly type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED';
    readonly metrics: readonly ParsedPromMetric[];
  }
  export default function parsePrometheusTextFormat(text: string): ParsedPromFamily[];
}
