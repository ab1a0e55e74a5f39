// Where ortop keeps files of its own, per the XDG base-directory spec: the cache (the parsed tor
// manual) and the state directory (interpreter history). Pure: paths from the environment given.
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

function base(env: NodeJS.ProcessEnv, variable: string, fallback: readonly string[]): string {
  const value = env[variable];
  if (value !== undefined && value !== '' && isAbsolute(value)) return value;
  const home = env.HOME !== undefined && env.HOME !== '' ? env.HOME : homedir();
  return join(home, ...fallback);
}

/** $XDG_CACHE_HOME/ortop (default ~/.cache/ortop). */
export function ortopCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(base(env, 'XDG_CACHE_HOME', ['.cache']), 'ortop');
}

/** $XDG_STATE_HOME/ortop (default ~/.local/state/ortop). */
export function ortopStateDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(base(env, 'XDG_STATE_HOME', ['.local', 'state']), 'ortop');
}
