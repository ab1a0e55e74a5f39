// Starts the built ortop (dist/cli.js) headless with its stdio as pipes (no terminal), waits for its
// "serving metrics" line, and scrapes it over HTTP; stop() sends a signal and returns the exit code.
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { allocatePortBlock } from '../net/ports.js';

export const CLI = new URL('../../dist/cli.js', import.meta.url).pathname;

export interface HeadlessOrtop {
  readonly port: number;
  readonly child: ChildProcess;
  /** Everything written to stderr so far. */
  stderr(): string;
  stdout(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startHeadless(args: readonly string[], options: { readonly env?: NodeJS.ProcessEnv; readonly readyMs?: number } = {}): Promise<HeadlessOrtop> {
  const [port] = await allocatePortBlock(1, { min: 41_000, max: 49_000 });
  const child = spawn(process.execPath, [CLI, '--headless', '--metrics-listen', `127.0.0.1:${port}`, ...args], {
    env: { PATH: process.env.PATH, HOME: '/nonexistent-ortop-home', LANG: 'C.UTF-8', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let err = '';
  let out = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + (options.readyMs ?? 20_000);
  while (!err.includes('serving metrics')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`ortop --headless did not start serving metrics: ${err}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port: port!,
    child,
    stderr: () => err,
    stdout: () => out,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

export function httpGet(port: number, path: string, options: { readonly method?: string; readonly headers?: Record<string, string>; readonly body?: string } = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers ?? {}, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end(options.body);
  });
}
