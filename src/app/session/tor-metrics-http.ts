// One GET of tor's MetricsPort (/metrics) over plain HTTP on this machine: bounded body, overall
// deadline, no redirects followed, no keep-alive, no proxy. Returns text or a reason; never throws.
import { request } from 'node:http';

export const MAX_METRICS_BODY_BYTES = 4 * 1024 * 1024;
export const METRICS_TIMEOUT_MS = 3000;

export type MetricsFetchResult = { readonly kind: 'ok'; readonly text: string } | { readonly kind: 'error'; readonly message: string };

export interface MetricsFetchOptions {
  readonly maxBytes?: number;
  readonly timeoutMs?: number;
}

export type MetricsFetcher = (host: string, port: number, options?: MetricsFetchOptions) => Promise<MetricsFetchResult>;

/** GET http://host:port/metrics → its body as text, or why not ("HTTP 403", "refused", "timed out", "over 4 MiB"). */
export const fetchMetricsText: MetricsFetcher = (host, port, options = {}) => {
  const maxBytes = options.maxBytes ?? MAX_METRICS_BODY_BYTES;
  const timeoutMs = options.timeoutMs ?? METRICS_TIMEOUT_MS;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: MetricsFetchResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      req.destroy();
      resolve(result);
    };
    const req = request({ host, port, path: '/metrics', method: 'GET', agent: false, headers: { accept: 'text/plain', connection: 'close' } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status !== 200) {
        const redirect = status >= 300 && status < 400 ? ' (redirects are not followed)' : '';
        finish({ kind: 'error', message: `HTTP ${status}${redirect}` });
        return;
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        finish({ kind: 'error', message: `answer of ${declared} bytes is over the ${formatBytes(maxBytes)} limit` });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) finish({ kind: 'error', message: `answer is over the ${formatBytes(maxBytes)} limit` });
        else chunks.push(chunk);
      });
      res.on('end', () => finish({ kind: 'ok', text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (error) => finish({ kind: 'error', message: describeError(error) }));
      res.on('aborted', () => finish({ kind: 'error', message: 'connection closed mid-answer' }));
    });
    const deadline = setTimeout(() => finish({ kind: 'error', message: `no full answer within ${timeoutMs / 1000} s` }), timeoutMs);
    req.on('error', (error) => finish({ kind: 'error', message: describeError(error) }));
    req.end();
  });
};

function describeError(error: Error & { code?: string }): string {
  if (error.code === 'ECONNREFUSED') return 'connection refused';
  if (error.code === 'ECONNRESET' || error.code === 'EPIPE') return 'connection closed by tor (is 127.0.0.1 accepted by MetricsPortPolicy?)';
  if (error.code === 'HPE_INVALID_CONSTANT' || error.code?.startsWith('HPE_') === true) return 'the answer is not HTTP';
  return error.code ?? error.message;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`;
}
