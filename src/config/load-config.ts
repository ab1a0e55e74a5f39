// Finds and reads ortop's config file ($XDG_CONFIG_HOME/ortop/config by default). A missing file is
// normal (defaults); an unreadable, binary, huge or non-file one is one warning and defaults, never
// fatal. The file is the user's: ortop only reads it, and never renames, rewrites or creates it.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { decodeTextFile, readFileBounded, type OpenForRead } from '../system/bounded-read.js';
import { parseConfig, type ConfigWarning, type ParsedConfig } from './parse-config.js';

export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'ortop', 'config');
}

/** A nyxrc is a few KB; anything this big is not a config file. */
export const CONFIG_MAX_BYTES = 1024 * 1024;
/** More line warnings than this means the file is not a config at all (a torrc given to -c, say). */
export const CONFIG_MAX_WARNINGS = 20;

export interface LoadedConfig extends ParsedConfig {
  readonly path: string;
  readonly found: boolean;
}

export interface LoadConfigOptions {
  /** Tests inject failures (EACCES when running as root). */
  readonly open?: OpenForRead;
}

export async function loadConfig(path: string, explicit: boolean, options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const defaults = (message: string | undefined): LoadedConfig => ({
    ...parseConfig(''),
    warnings: message === undefined ? [] : [{ line: 0, message: `cannot read config file ${path}: ${message}; using defaults` }],
    path,
    found: false,
  });
  // FIFOs are read too: `ortop -c <(…)` is a config given on the command line.
  const read = await readFileBounded(path, { maxBytes: CONFIG_MAX_BYTES, special: 'read', ...(options.open === undefined ? {} : { open: options.open }) });
  if (read.kind === 'missing') return defaults(explicit ? 'no such file' : undefined);
  if (read.kind === 'refused') return defaults(read.problem);
  // Not strict about UTF-8: a Latin-1 comment must not cost the whole file; a bad value warns on its line.
  const decoded = decodeTextFile(read.bytes, false);
  if (decoded.kind === 'binary') return defaults(decoded.problem);
  const parsed = parseConfig(decoded.text);
  return { ...parsed, warnings: capWarnings(parsed.warnings), path, found: true };
}

function capWarnings(warnings: readonly ConfigWarning[]): readonly ConfigWarning[] {
  if (warnings.length <= CONFIG_MAX_WARNINGS) return warnings;
  const more = warnings.length - CONFIG_MAX_WARNINGS;
  return [...warnings.slice(0, CONFIG_MAX_WARNINGS), { line: 0, message: `${more} more line${more === 1 ? '' : 's'} with problems not shown (is this an ortop/nyx config file?)` }];
}
