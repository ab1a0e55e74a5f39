// What the end-to-end cases share: the real OrtopApp in the fake terminal attached to a node of the
// test network (as the TUI runs it: real clock, real /proc, keys typed into the terminal), the built
// CLI run as users run it, and polling with a deadline (a real network cannot be waited for exactly).

import { execFile } from 'node:child_process';
import { OrtopApp } from '../../src/app/shell/app.js';
import { DEFAULT_SETTINGS } from '../../src/config/index.js';
import { realClock, type Controller } from '../../src/controller/index.js';
import { realProcFs } from '../../src/system/index.js';
import { createFakeTerminal, gridText, readGrid, type FakeTerminal } from '../../src/terminal/index.js';
import { connectNode, type NetNode, type TestNetwork } from '../net/index.js';

export const CLI = new URL('../../dist/cli.js', import.meta.url).pathname;

export interface AppOnNode {
  readonly app: OrtopApp;
  readonly controller: Controller;
  readonly term: FakeTerminal;
  /** Draws now and returns the frame as text. */
  frame(): Promise<string>;
  /** Types keys into the terminal and draws. */
  type(keys: string): Promise<string>;
  stop(): Promise<void>;
}

/** ortop as the TUI runs it, attached to `node` (reconnecting by itself, 500 ms first retry). */
export async function startAppOnNode(node: NetNode, size: { cols: number; rows: number } = { cols: 120, rows: 40 }): Promise<AppOnNode> {
  const controller = await connectNode(node, { reconnect: { initialDelayMs: 500, maxDelayMs: 2000 } });
  const term = createFakeTerminal({ cols: size.cols, rows: size.rows, unicode: true });
  const app = new OrtopApp({
    screen: term.screen,
    controller,
    clock: realClock,
    settings: DEFAULT_SETTINGS,
    theme: { colors: true },
    procFs: realProcFs,
    target: `127.0.0.1:${node.tor.controlPort}`,
    unicode: true,
    onQuit: () => {},
  });
  app.start();
  const frame = async () => {
    app.renderNow();
    await term.settle();
    return gridText(readGrid(term.screen));
  };
  return {
    app,
    controller,
    term,
    frame,
    type: async (keys) => {
      term.type(keys);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return frame();
    },
    stop: async () => {
      app.stop();
      controller.close();
      await term.destroy();
    },
  };
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `node dist/cli.js ARGS` with a clean config (-c /dev/null), as a user would run it. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 30_000): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, '-c', '/dev/null', ...args],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', TERM: 'xterm-256color', TZ: 'UTC', ...env }, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Polls `probe` until it returns a value (not undefined) or the deadline passes; then fails saying what. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number, diagnostics?: () => string | Promise<string>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const extra = diagnostics === undefined ? '' : `\n${await diagnostics()}`;
      const why = lastError === undefined ? '' : ` (last error: ${(lastError as Error).message})`;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}${extra}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Shared by every case: the one network of the suite, and the downloads keeping it busy. */
export interface E2EContext {
  net: TestNetwork;
}

/** Router status flags of `name` as tor at `node` sees them in its consensus ("Exit Fast Running …"). */
export async function consensusFlags(controller: Controller, fingerprint: string): Promise<string[]> {
  const entry = await controller.getInfoOne(`ns/id/${fingerprint}`);
  const s = entry.split('\n').find((l) => l.startsWith('s '));
  return s === undefined ? [] : s.slice(2).trim().split(/\s+/);
}
