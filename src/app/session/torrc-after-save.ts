// What a failed SAVECONF left behind, in words: tor first renames the torrc to <torrc>.orig.N and
// then writes the new one, so a failed write (a full disk) can leave no torrc at all. Looks only at
// whether the torrc exists and at the names in its directory (through the guarded lister), never at
// a file's content; says nothing for a tor that is not on this machine.
import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TORRC_DIR_RULE, type TorOwner } from '../../system/tor-file-check.js';
import { listTorDir } from '../../system/tor-file.js';

/** The newest "<name>.orig.<n>" among `names` (tor counts up from 1). */
export function newestBackup(torrcName: string, names: readonly string[]): string | undefined {
  let best: { name: string; n: number } | undefined;
  const prefix = `${torrcName}.orig.`;
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const n = Number(name.slice(prefix.length));
    if (Number.isInteger(n) && n > 0 && (best === undefined || n > best.n)) best = { name, n };
  }
  return best?.name;
}

export async function describeTorrcAfterFailedSave(path: string, owner: TorOwner): Promise<string> {
  if (path === '' || owner.kind === 'elsewhere') return '';
  try {
    await stat(path);
    return `${path} is still there; tor's log says why the write failed (often a full disk).`;
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') return "tor's log says why the write failed (often a full disk).";
  }
  const backup = await listTorDir(dirname(path), owner, TORRC_DIR_RULE).then(
    (names) => newestBackup(basename(path), names),
    () => undefined,
  );
  if (backup === undefined) return `${path} no longer exists; tor's log says why the write failed (often a full disk).`;
  return `${path} no longer exists: tor renamed it to ${join(dirname(path), backup)}, then failed to write the new one (tor's log says why; often a full disk). Rename it back to restore it.`;
}
