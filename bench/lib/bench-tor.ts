// Starts the real tor a benchmark attaches to (test/helpers/tor-process.ts: cookie auth, non-publishing
// relay, DisableNetwork 1, control port chosen by tor) and guarantees it and every registered resource
// is cleaned up on success, failure, Ctrl-C or SIGTERM. Must not touch a tor it did not start.

import { execFileSync } from 'node:child_process';
import { findTor, startTor, type TorProcess } from '../../test/helpers/tor-process.js';

type Cleanup = () => Promise<unknown> | unknown;
const cleanups: Cleanup[] = [];
let signalsInstalled = false;

/** Registers a cleanup (run last-in first-out by runCleanups()); returns a function that unregisters it. */
export function onCleanup(cleanup: Cleanup): () => void {
  cleanups.push(cleanup);
  return () => {
    const i = cleanups.lastIndexOf(cleanup);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

export async function runCleanups(): Promise<void> {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop()!;
    try {
      await cleanup();
    } catch (e) {
      process.stderr.write(`cleanup failed: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  }
}

function installSignalHandlers(): void {
  if (signalsInstalled) return;
  signalsInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping the monitors and tor\n`);
      void runCleanups().finally(() => process.exit(130));
    });
  }
}

export function torVersion(): string {
  const tor = findTor();
  if (tor === undefined) return 'not installed';
  try {
    return /Tor version ([^\s.]+(?:\.[^\s.]+)*)/.exec(execFileSync(tor, ['--version'], { encoding: 'utf8' }))?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Runs `body` with a fresh relay tor; tor and all registered cleanups are stopped afterwards, also on throw. */
export async function withBenchTor<T>(body: (tor: TorProcess) => Promise<T>): Promise<T> {
  if (findTor() === undefined) throw new Error('tor not installed (apt-get install tor)');
  installSignalHandlers();
  const tor = await startTor({ auth: 'cookie', relay: true });
  onCleanup(() => tor.stop());
  try {
    return await body(tor);
  } finally {
    await runCleanups();
  }
}
