// Finds and reads ortop's config file ($XDG_CONFIG_HOME/ortop/config by default). A missing file is
// normal (defaults); an unreadable one is a warning, never fatal.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, type ConfigWarning, type ParsedConfig } from './parse-config.js';

export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'ortop', 'config');
}

export interface LoadedConfig extends ParsedConfig {
  readonly path: string;
  readonly found: boolean;
}

export async function loadConfig(path: string, explicit: boolean): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    const warnings: ConfigWarning[] = [];
    if (code !== 'ENOENT' || explicit) {
      warnings.push({ line: 0, message: `cannot read config file ${path}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}; using defaults` });
    }
    return { ...parseConfig(''), warnings, path, found: false };
  }
  return { ...parseConfig(text), path, found: true };
}
