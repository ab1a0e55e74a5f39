// The rule for files whose path came from tor (tor-file-check.ts): a path is a claim, not a
// permission. Shown only when plausibly tor's: not under /proc, /sys or /dev; a regular file (a
// directory only where a %include directory is listed); owned by tor's user or root and readable by
// tor's user; not bigger than a torrc would be. Also who tor runs as, from /proc/<pid>/status.
import { describe, expect, it } from 'vitest';
import { judgeTorFile, TOR_DATA_RULE, TORRC_DIR_RULE, TORRC_RULE, type TorFileFacts, type TorOwner } from '../../src/system/tor-file-check.js';
import { parseStatusIds, readTorOwner } from '../../src/system/tor-owner.js';
import { NOT_LOCAL_PROC_FS } from '../../src/system/index.js';

const DEBIAN_TOR: TorOwner = { kind: 'known', pid: 812, uid: 113, gids: [120] };
const ROOT_TOR: TorOwner = { kind: 'known', pid: 812, uid: 0, gids: [0] };
const file = (over: Partial<TorFileFacts> = {}): TorFileFacts => ({ type: 'file', uid: 0, gid: 0, mode: 0o644, sizeBytes: 900, ...over });
const judge = (path: string, facts: TorFileFacts, owner: TorOwner = DEBIAN_TOR, real = path) => judgeTorFile(path, real, facts, owner, TORRC_RULE);

describe('which files tor names are shown', () => {
  it("a torrc owned by root or tor's user, readable by tor, is shown", () => {
    expect(judge('/etc/tor/torrc', file())).toBeUndefined();
    expect(judge('/var/lib/tor/torrc', file({ uid: 113, gid: 120, mode: 0o600 }))).toBeUndefined();
    expect(judge('/etc/tor/torrc', file({ uid: 0, gid: 120, mode: 0o640 }))).toBeUndefined();
    // A link to it is fine: the rule looks at where it leads.
    expect(judge('/etc/tor/torrc', file(), DEBIAN_TOR, '/srv/conf/torrc')).toBeUndefined();
  });

  it('nothing under /proc, /sys or /dev, whoever owns it and however it is reached', () => {
    expect(judge('/proc/self/environ', file({ sizeBytes: 0 }), ROOT_TOR, '/proc/4711/environ')).toBe('it is under /proc (it leads to /proc/4711/environ), which is not where a torrc lives');
    expect(judge('/sys/kernel/notes', file())).toBe('it is under /sys, which is not where a torrc lives');
    expect(judge('/etc/tor/torrc', file(), ROOT_TOR, '/dev/shm/x')).toMatch(/^it is under \/dev \(it leads to \/dev\/shm\/x\)/);
    expect(judge('/procedures/torrc', file())).toBeUndefined();
  });

  it('only regular files (directories only for a %include directory)', () => {
    expect(judge('/etc/tor/torrc', file({ type: 'fifo' }))).toBe('it is a FIFO, not a file a torrc would be');
    expect(judge('/etc/tor/torrc', file({ type: 'device' }))).toBe('it is a device, not a file a torrc would be');
    expect(judge('/etc/tor/torrc.d', file({ type: 'dir', mode: 0o755 }))).toBe('it is a directory, not a file a torrc would be');
    expect(judgeTorFile('/etc/tor/torrc.d', '/etc/tor/torrc.d', file({ type: 'dir', mode: 0o755 }), DEBIAN_TOR, TORRC_DIR_RULE)).toBeUndefined();
    expect(judgeTorFile('/etc/tor/torrc.d', '/etc/tor/torrc.d', file({ type: 'dir', mode: 0o700 }), DEBIAN_TOR, TORRC_DIR_RULE)).toMatch(/may not read it/);
  });

  it("a file of another user is not shown, nor one tor's user may not read", () => {
    expect(judge('/home/op/.ssh/id_ed25519', file({ uid: 1000, gid: 1000, mode: 0o600 }))).toBe("it belongs to uid 1000, neither tor's user (uid 113) nor root");
    expect(judge('/etc/shadow', file({ uid: 0, gid: 42, mode: 0o640 }))).toBe("tor's user (uid 113) may not read it (mode 0640, owner 0, group 42)");
    expect(judge('/etc/tor/torrc', file({ uid: 113, mode: 0o200 }))).toMatch(/may not read it/);
  });

  it('not bigger than a torrc (log and state files are read from their end, so any size)', () => {
    expect(judge('/etc/tor/torrc', file({ sizeBytes: 5 * 1024 * 1024 }))).toBe('it is 5.0 MiB, more than a torrc would be (ortop reads up to 1.0 MiB)');
    expect(judgeTorFile('/var/log/tor/notices.log', '/var/log/tor/notices.log', file({ uid: 113, sizeBytes: 5e9 }), DEBIAN_TOR, TOR_DATA_RULE)).toBeUndefined();
  });

  it('when tor is here but its user is unknown: only files anyone may read, owned by root', () => {
    const unknown: TorOwner = { kind: 'unknown', why: '/proc/812/status is not readable' };
    expect(judge('/etc/tor/torrc', file(), unknown)).toBeUndefined();
    expect(judge('/etc/shadow', file({ mode: 0o640 }), unknown)).toMatch(/^ortop cannot tell which user tor runs as \(\/proc\/812\/status is not readable\), and it is not readable by everyone/);
    expect(judge('/home/op/notes', file({ uid: 1000 }), unknown)).toMatch(/belongs to uid 1000, not root/);
  });

  it('a tor elsewhere gets nothing read here', () => {
    expect(judge('/etc/tor/torrc', file(), { kind: 'elsewhere' })).toBe('tor is not on this machine, so the path means nothing here');
  });
});

describe("who tor runs as (/proc/<pid>/status, the kernel's word)", () => {
  it('takes the filesystem uid and gid and the supplementary groups', () => {
    expect(parseStatusIds('Name:\ttor\nUid:\t0\t113\t113\t113\nGid:\t0\t120\t120\t120\nGroups:\t120 121 \n')).toEqual({ uid: 113, gids: [120, 121] });
    expect(parseStatusIds('Name:\ttor\n')).toBeUndefined();
  });

  it('says why when it cannot tell, and "elsewhere" for a tor that is not here', async () => {
    const fs = (error: string) => ({ readText: async () => Promise.reject(Object.assign(new Error(error), { code: error })), listDir: async () => [] });
    expect(await readTorOwner(fs('ENOENT'), 812)).toEqual({ kind: 'unknown', why: 'there is no process 812 here' });
    expect(await readTorOwner(fs('EACCES'), 812)).toEqual({ kind: 'unknown', why: '/proc/812/status is not readable' });
    expect(await readTorOwner(fs('EIO'), undefined)).toEqual({ kind: 'unknown', why: 'tor did not give its process id (GETINFO process/pid)' });
    expect(await readTorOwner(NOT_LOCAL_PROC_FS, 812)).toEqual({ kind: 'elsewhere' });
    const status = { readText: async () => 'Uid:\t113\t113\t113\t113\nGid:\t120\t120\t120\t120\nGroups:\t\n', listDir: async () => [] };
    expect(await readTorOwner(status, 812)).toEqual({ kind: 'known', pid: 812, uid: 113, gids: [120] });
  });
});
