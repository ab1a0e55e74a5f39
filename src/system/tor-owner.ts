// Who tor runs as, for judging the files it names (tor-file-check.ts): the user and groups of the
// process tor reports (GETINFO process/pid) as /proc/<pid>/status has them — the kernel's word, not
// tor's. Through the injected ProcFs, so a tor elsewhere (NOT_LOCAL_PROC_FS) reads nothing here.
import type { ProcFs } from './proc-reader.js';
import type { TorOwner } from './tor-file-check.js';

/**
 * "Uid:\treal\teffective\tsaved\tfs", "Gid:\t…" and "Groups:\t…": the filesystem ids decide what a
 * process may read (proc(5)).
 */
export function parseStatusIds(text: string): { uid: number; gids: number[] } | undefined {
  const ids = (name: string) => (new RegExp(`^${name}:[ \\t]*(.*)$`, 'm').exec(text)?.[1] ?? '').trim().split(/\s+/).filter((s) => /^\d+$/.test(s)).map(Number);
  const uids = ids('Uid');
  const gids = ids('Gid');
  if (uids.length === 0 || gids.length === 0) return undefined;
  return { uid: uids[3] ?? uids[0]!, gids: [...new Set([gids[3] ?? gids[0]!, ...ids('Groups')])] };
}

export async function readTorOwner(procFs: ProcFs, pid: number | undefined): Promise<TorOwner> {
  if (pid === undefined) return { kind: 'unknown', why: 'tor did not give its process id (GETINFO process/pid)' };
  const path = `/proc/${pid}/status`;
  let text: string;
  try {
    text = await procFs.readText(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOTLOCAL') return { kind: 'elsewhere' };
    if (code === 'ENOENT') return { kind: 'unknown', why: `there is no process ${pid} here` };
    if (code === 'EACCES' || code === 'EPERM') return { kind: 'unknown', why: `${path} is not readable` };
    return { kind: 'unknown', why: `${path}: ${(error as Error).message}` };
  }
  const ids = parseStatusIds(text);
  return ids === undefined ? { kind: 'unknown', why: `${path} has no Uid/Gid lines` } : { kind: 'known', pid, ...ids };
}
