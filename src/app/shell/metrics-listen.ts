// --metrics-listen / --metrics-allow-remote / --headless as given on the command line, checked
// together. Pure and free of prom-client: main.ts reads the options at start-up and loads the
// exporter (run-headless.ts, metrics-server.ts) only when metrics are asked for.
import { isIP } from 'node:net';
import { OptionError, parseInterface } from './options.js';

export interface MetricsListen {
  readonly host: string;
  readonly port: number;
  readonly remote: boolean;
}

/** --metrics-listen [ADDR:]PORT (default address 127.0.0.1); a non-loopback address needs --metrics-allow-remote. */
export function parseMetricsListen(value: string, allowRemote: boolean): MetricsListen {
  let address;
  try {
    address = parseInterface(value);
  } catch (e) {
    throw new OptionError(`--metrics-listen ${value}: ${(e as Error).message}`);
  }
  const remote = !isLoopback(address.host);
  if (remote && !allowRemote)
    throw new OptionError(
      `--metrics-listen ${value}: ${address.host} is not a loopback address, so anyone who can reach it could read every relay's metrics; add --metrics-allow-remote if that is meant`,
    );
  return { ...address, remote };
}

export function isLoopback(host: string): boolean {
  if (isIP(host) === 4) return host.startsWith('127.');
  const h = host.toLowerCase();
  return h === '::1' || /^::ffff:127\./.test(h);
}

/** What a remote listener exposes, said once at start. */
/** --headless / --metrics-listen / --metrics-allow-remote as given, checked together; undefined = no metrics. */
export function metricsOptionsOf(opts: {
  readonly headless?: boolean;
  readonly metricsListen?: string;
  readonly metricsAllowRemote?: boolean;
  readonly snapshot?: unknown;
}): MetricsListen | undefined {
  if (opts.snapshot !== undefined && (opts.headless === true || opts.metricsListen !== undefined)) throw new OptionError('--snapshot prints one frame and exits: it cannot be combined with --headless or --metrics-listen');
  if (opts.headless === true && opts.metricsListen === undefined) throw new OptionError('--headless has nothing to do without --metrics-listen [ADDR:]PORT (e.g. --metrics-listen 9099)');
  if (opts.metricsAllowRemote === true && opts.metricsListen === undefined) throw new OptionError('--metrics-allow-remote goes with --metrics-listen ADDR:PORT');
  return opts.metricsListen === undefined ? undefined : parseMetricsListen(opts.metricsListen, opts.metricsAllowRemote === true);
}
