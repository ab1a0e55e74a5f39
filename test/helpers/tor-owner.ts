// Test stand-ins for "who tor runs as" (system/tor-owner.ts): this test process as tor's owner, and
// a /proc with only tor's status file, so the app's torrc, log and state readers judge real files
// against a known user. Nothing else of /proc exists here.
import type { ProcFs } from '../../src/system/index.js';
import type { TorOwner } from '../../src/system/tor-file-check.js';

const uid = process.getuid?.() ?? 0;
const gids = process.getgroups?.() ?? [];

/** tor runs as this test process's user. */
export const OUR_TOR_OWNER: TorOwner = { kind: 'known', pid: process.pid, uid, gids };

/** A /proc holding only /proc/<pid>/status, for a tor with these ids (default: ours). FakeTor's pid is 4242. */
export function procFsWithTor(pid = 4242, ids: { uid: number; gid: number } = { uid, gid: process.getgid?.() ?? 0 }): ProcFs {
  return {
    readText: async (path) => {
      if (path === `/proc/${pid}/status`) return `Name:\ttor\nPid:\t${pid}\nUid:\t${ids.uid}\t${ids.uid}\t${ids.uid}\t${ids.uid}\nGid:\t${ids.gid}\t${ids.gid}\t${ids.gid}\t${ids.gid}\nGroups:\t${ids.gid}\n`;
      throw Object.assign(new Error(`${path}: no such file`), { code: 'ENOENT' });
    },
    listDir: async (path) => {
      throw Object.assign(new Error(`${path}: no such file`), { code: 'ENOENT' });
    },
  };
}
