// The copy of tor's manual that ships with ortop (assets/tor-<version>.1.gz), for machines without
// one installed (slim images, remote relays). Only locates the file; load-manual.ts decides when to
// use it (only when no live manual can be read) and says which tor version it describes.
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The tor release whose manual is in assets/ (its file name carries the same version). */
export const BUNDLED_TOR_MANUAL_VERSION = '0.4.9.11';
export const BUNDLED_TOR_MANUAL_FILE = `tor-${BUNDLED_TOR_MANUAL_VERSION}.1.gz`;

export interface BundledManual {
  readonly path: string;
  /** The tor version the manual describes. */
  readonly torVersion: string;
}

/**
 * The shipped manual: assets/ beside this module's package, found by walking up from this file
 * (dist/cli.js in the package, src/system/manual/ in the source tree). undefined if it is not there.
 */
export async function findBundledTorManual(from: string = dirname(fileURLToPath(import.meta.url))): Promise<BundledManual | undefined> {
  let dir = from;
  for (let level = 0; level < 4; level++) {
    const path = join(dir, 'assets', BUNDLED_TOR_MANUAL_FILE);
    const found = await stat(path).then((s) => s.isFile(), () => false);
    if (found) return { path, torVersion: BUNDLED_TOR_MANUAL_VERSION };
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}
