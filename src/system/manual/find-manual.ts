// Finds tor(1) on this machine: the usual man directories (and $MANPATH) first, then `man -w tor`.
// Reads nothing but directory entries; the command runs only when the usual places have nothing.
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';

const MAN_ROOTS = ['/usr/share/man', '/usr/local/share/man', '/usr/local/man', '/opt/homebrew/share/man', '/usr/pkg/man'];
const PAGE_NAMES = ['man1/tor.1.gz', 'man1/tor.1'];

export interface ManualSearch {
  readonly path: string | undefined;
  /** Where it looked, for the "no manual" message. */
  readonly searched: readonly string[];
}

export interface FindManualOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Runs `man -w tor`; default the real command with a 3 s limit. */
  readonly manW?: () => Promise<string | undefined>;
  /** The man directories to try after $MANPATH (default: the usual system ones). */
  readonly manRoots?: readonly string[];
}

export function candidateManualPaths(env: NodeJS.ProcessEnv = process.env, manRoots: readonly string[] = MAN_ROOTS): string[] {
  const fromEnv = (env.MANPATH ?? '').split(':').filter((d) => d.startsWith('/'));
  const roots = [...new Set([...fromEnv, ...manRoots])];
  return roots.flatMap((root) => PAGE_NAMES.map((name) => join(root, name)));
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function runManW(): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('man', ['-w', 'tor'], { timeout: 3000, env: { ...process.env, MANPAGER: 'cat' } }, (error, stdout) => {
      const first = String(stdout).split('\n')[0]?.trim() ?? '';
      resolve(error === null && first.startsWith('/') ? first : undefined);
    });
  });
}

export async function findTorManual(options: FindManualOptions = {}): Promise<ManualSearch> {
  const candidates = candidateManualPaths(options.env, options.manRoots);
  for (const path of candidates) if (await isFile(path)) return { path, searched: candidates };
  const fromMan = await (options.manW ?? runManW)();
  if (fromMan !== undefined && (await isFile(fromMan))) return { path: fromMan, searched: [...candidates, 'man -w tor'] };
  return { path: undefined, searched: [...candidates, 'man -w tor'] };
}
