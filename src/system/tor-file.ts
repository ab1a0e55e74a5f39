// The one way ortop opens a file whose path came from tor (torrc, %include files and directories,
// tor's log, its state file): symbolic links resolved, the file judged by tor-file-check.ts BEFORE
// it is opened (opening some devices has effects), opened non-blocking without following a link,
// and judged again on what was really opened (same inode, the path the kernel gives the descriptor),
// so a swap between the check and the open shows nothing. Reads only; never writes.
import { constants, type Stats } from 'node:fs';
import { open, readdir, readlink, realpath, stat, type FileHandle } from 'node:fs/promises';
import { judgeTorFile, type TorFileFacts, type TorFileRule, type TorOwner } from './tor-file-check.js';

/** A file ortop will not show, with the reason in words ("<path> is not shown: it is under /proc, …"). */
export class TorFileRefusedError extends Error {
  override readonly name = 'TorFileRefusedError';
  readonly code = 'ETORFILE';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path} is not shown: ${reason}`);
  }
}

function factsOf(s: Stats): TorFileFacts {
  const type = s.isFile() ? 'file' : s.isDirectory() ? 'dir' : s.isFIFO() ? 'fifo' : s.isSocket() ? 'socket' : s.isCharacterDevice() || s.isBlockDevice() ? 'device' : 'other';
  return { type, uid: s.uid, gid: s.gid, mode: s.mode & 0o7777, sizeBytes: s.size };
}

function check(claimed: string, real: string, facts: TorFileFacts, owner: TorOwner, rule: TorFileRule): void {
  const reason = judgeTorFile(claimed, real, facts, owner, rule);
  if (reason !== undefined) throw new TorFileRefusedError(claimed, reason);
}

async function openChecked(path: string, owner: TorOwner, rule: TorFileRule): Promise<{ handle: FileHandle; facts: TorFileFacts }> {
  if (owner.kind === 'elsewhere') throw new TorFileRefusedError(path, 'tor is not on this machine, so the path means nothing here');
  const real = await realpath(path);
  const before = await stat(real);
  check(path, real, factsOf(before), owner, rule);
  const directory = before.isDirectory() ? constants.O_DIRECTORY : 0;
  const handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW | directory);
  try {
    const after = await handle.stat();
    if (after.dev !== before.dev || after.ino !== before.ino) throw new TorFileRefusedError(path, 'it was replaced while ortop opened it');
    const opened = await readlink(`/proc/self/fd/${handle.fd}`).catch(() => real);
    const facts = factsOf(after);
    check(path, opened, facts, owner, rule);
    return { handle, facts };
  } catch (error) {
    await handle.close().catch(() => {});
    throw error;
  }
}

async function readRange(handle: FileHandle, start: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, start + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return buffer.subarray(0, done);
}

/** The whole file (the rule's maxBytes caps it; a file that grew past it is cut there). */
export async function readTorFile(path: string, owner: TorOwner, rule: TorFileRule): Promise<Buffer> {
  const { handle, facts } = await openChecked(path, owner, rule);
  try {
    return await readRange(handle, 0, Math.min(facts.sizeBytes, rule.maxBytes ?? facts.sizeBytes));
  } finally {
    await handle.close().catch(() => {});
  }
}

/** At most `maxBytes` from the end, as UTF-8 (bad bytes → U+FFFD). */
export async function readTorFileTail(path: string, owner: TorOwner, rule: TorFileRule, maxBytes: number): Promise<string> {
  const { handle, facts } = await openChecked(path, owner, rule);
  try {
    const start = Math.max(0, facts.sizeBytes - Math.max(0, maxBytes));
    return (await readRange(handle, start, facts.sizeBytes - start)).toString('utf8');
  } finally {
    await handle.close().catch(() => {});
  }
}

/** The names in a directory tor named (a %include directory), judged like a file. */
export async function listTorDir(path: string, owner: TorOwner, rule: TorFileRule): Promise<string[]> {
  const { handle } = await openChecked(path, owner, { ...rule, directory: true });
  try {
    return await readdir(`/proc/self/fd/${handle.fd}`).catch(() => readdir(path));
  } finally {
    await handle.close().catch(() => {});
  }
}
