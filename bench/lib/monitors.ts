// The two monitors the benchmarks compare: how to start ortop and Nyx on a pty against a control port,
// in a clean environment with a throwaway HOME, and what their first full frame looks like on screen.
// It must not touch the user's real ~/.nyx or ~/.config/ortop: every run gets the sandbox's HOME.

import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScreenPredicate } from './screen-watch.js';

export const NYX_PATH = '/usr/bin/nyx';
export const TERMINAL = { cols: 120, rows: 40 } as const;

export type MonitorName = 'ortop' | 'nyx';

export interface Monitor {
  readonly name: MonitorName;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  /** Header with live data (tor's uptime) and the page status line are both on screen. */
  readonly isFullFrame: ScreenPredicate;
  /** The page status line alone: the UI is up, live data may still be missing. */
  readonly isUiDrawn: ScreenPredicate;
}

export interface Sandbox {
  readonly home: string;
  readonly nyxConfig: string;
  remove(): Promise<void>;
}

/** A temp HOME (also XDG_CONFIG_HOME) and an empty Nyx config, shared by all runs of one benchmark. */
export async function createSandbox(): Promise<Sandbox> {
  const home = await mkdtemp(join(tmpdir(), 'ortop-bench-home-'));
  const nyxConfig = join(home, 'nyxrc');
  await writeFile(nyxConfig, '# throwaway Nyx config for the ortop benchmarks\n');
  return { home, nyxConfig, remove: () => rm(home, { recursive: true, force: true }) };
}

export function nyxInstalled(): boolean {
  return existsSync(NYX_PATH);
}

const hasStatusLine: ScreenPredicate = (rows) => rows.some((r) => /page 1 \/ \d/.test(r));
const hasUptime: ScreenPredicate = (rows) => rows.some((r) => /\buptime: \d/.test(r));
const isFullFrame: ScreenPredicate = (rows) => hasStatusLine(rows) && hasUptime(rows);

function terminalEnv(sandbox: Sandbox): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: sandbox.home,
    XDG_CONFIG_HOME: join(sandbox.home, '.config'),
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    // ORTOP_V8_OPT=1 (keep TurboFan, src/v8-tuning.ts) reaches ortop for comparing.
    ...(process.env.ORTOP_V8_OPT === undefined ? {} : { ORTOP_V8_OPT: process.env.ORTOP_V8_OPT }),
  };
}

/**
 * ortop as a user runs it — the `ortop` bin and `npm start` both start node with --optimize-for-size
 * (see src/v8-tuning.ts): `node --optimize-for-size dist/cli.js -i PORT`; extraNodeArgs go before
 * the script (e.g. --cpu-prof).
 */
export function ortopMonitor(root: string, port: number, sandbox: Sandbox, extraNodeArgs: readonly string[] = []): Monitor {
  return {
    name: 'ortop',
    command: process.execPath,
    // ORTOP_BENCH_NODE_ARGS="--flag …" tries node/V8 options without editing the benchmarks.
    args: ['--optimize-for-size', ...(process.env.ORTOP_BENCH_NODE_ARGS ?? '').split(' ').filter((a) => a !== ''), ...extraNodeArgs, join(root, 'dist/cli.js'), '-i', String(port)],
    env: terminalEnv(sandbox),
    isFullFrame,
    isUiDrawn: hasStatusLine,
  };
}

export function nyxMonitor(port: number, sandbox: Sandbox): Monitor {
  return {
    name: 'nyx',
    command: NYX_PATH,
    args: ['-i', `127.0.0.1:${port}`, '-c', sandbox.nyxConfig],
    env: terminalEnv(sandbox),
    isFullFrame,
    isUiDrawn: hasStatusLine,
  };
}
