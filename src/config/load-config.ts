// Finds and reads ortop's config file ($XDG_CONFIG_HOME/ortop/config by default), or Nyx's own
// (~/.nyx/config, same syntax) when ortop has none and none was named with -c, with a notice saying
// so. A missing file is normal (defaults); an unreadable, binary, huge or non-file one is one warning
// and defaults, never fatal. The files are the user's: ortop only reads them, never writes them.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { decodeTextFile, readFileBounded, type OpenForRead } from '../system/bounded-read.js';
import { parseConfig, type ConfigWarning, type ParsedConfig } from './parse-config.js';

export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'ortop', 'config');
}

/** Nyx's own config file (its default -c): read when ortop has none of its own. */
export function nyxConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.HOME !== undefined && env.HOME.startsWith('/') ? env.HOME : homedir();
  return join(home, '.nyx', 'config');
}

/** A nyxrc is a few KB; anything this big is not a config file. */
export const CONFIG_MAX_BYTES = 1024 * 1024;
/** More line warnings than this means the file is not a config at all (a torrc given to -c, say). */
export const CONFIG_MAX_WARNINGS = 20;

export interface LoadedConfig extends ParsedConfig {
  /** The file the settings came from: the one asked for, or Nyx's when that was read instead. */
  readonly path: string;
  readonly found: boolean;
  /** The settings are Nyx's (~/.nyx/config), read because ortop has no config file of its own. */
  readonly nyx: boolean;
}

export interface LoadConfigOptions {
  /** Tests inject failures (EACCES when running as root). */
  readonly open?: OpenForRead;
  /** Nyx's config, read when `path` is missing and not explicit; default nyxConfigPath(); null = never. */
  readonly nyxConfig?: string | null;
}

export async function loadConfig(path: string, explicit: boolean, options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const own = await readConfigFile(path, options);
  if (own.kind === 'missing' && !explicit) {
    const nyxPath = options.nyxConfig === undefined ? nyxConfigPath() : options.nyxConfig;
    if (nyxPath !== null && nyxPath !== path) {
      const nyx = await readConfigFile(nyxPath, options);
      // Printed after "config <ortop's path>: ", so it reads as one sentence about both files.
      if (nyx.kind === 'parsed') return nyxSettings(nyxPath, path, nyx.config);
      if (nyx.kind === 'refused') return defaults(path, `there is none; Nyx's config file ${nyxPath} is there but cannot be read: ${nyx.problem}; using defaults`);
    }
  }
  if (own.kind === 'missing') return defaults(path, explicit ? `cannot read config file ${path}: no such file; using defaults` : undefined);
  if (own.kind === 'refused') return defaults(path, `cannot read config file ${path}: ${own.problem}; using defaults`);
  return { ...own.config, warnings: capWarnings(own.config.warnings), path, found: true, nyx: false };
}

type ReadConfig = { readonly kind: 'missing' } | { readonly kind: 'refused'; readonly problem: string } | { readonly kind: 'parsed'; readonly config: ParsedConfig };

async function readConfigFile(path: string, options: LoadConfigOptions): Promise<ReadConfig> {
  // FIFOs are read too: `ortop -c <(…)` is a config given on the command line.
  const read = await readFileBounded(path, { maxBytes: CONFIG_MAX_BYTES, special: 'read', ...(options.open === undefined ? {} : { open: options.open }) });
  if (read.kind === 'missing') return { kind: 'missing' };
  if (read.kind === 'refused') return { kind: 'refused', problem: read.problem };
  // Not strict about UTF-8: a Latin-1 comment must not cost the whole file; a bad value warns on its line.
  const decoded = decodeTextFile(read.bytes, false);
  if (decoded.kind === 'binary') return { kind: 'refused', problem: decoded.problem };
  return { kind: 'parsed', config: parseConfig(decoded.text) };
}

function defaults(path: string, message: string | undefined): LoadedConfig {
  return { ...parseConfig(''), warnings: message === undefined ? [] : [{ line: 0, message }], path, found: false, nyx: false };
}

/** Nyx's settings, the notice first; its line warnings name Nyx's file (they are printed after ortop's path). */
function nyxSettings(nyxPath: string, ownPath: string, parsed: ParsedConfig): LoadedConfig {
  const notice: ConfigWarning = {
    line: 0,
    message: `there is none, so Nyx's config file ${nyxPath} was read instead (the nyxrc keys ortop knows are used; copy it to ${ownPath} to make it ortop's own)`,
  };
  const lines = capWarnings(parsed.warnings).map((w) => ({ ...w, message: `${nyxPath} ${w.message}` }));
  return { ...parsed, warnings: [notice, ...lines], path: nyxPath, found: true, nyx: true };
}

function capWarnings(warnings: readonly ConfigWarning[]): readonly ConfigWarning[] {
  if (warnings.length <= CONFIG_MAX_WARNINGS) return warnings;
  const more = warnings.length - CONFIG_MAX_WARNINGS;
  return [...warnings.slice(0, CONFIG_MAX_WARNINGS), { line: 0, message: `${more} more line${more === 1 ? '' : 's'} with problems not shown (is this an ortop/nyx config file?)` }];
}
