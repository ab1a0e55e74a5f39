// Whether ortop may show a file whose path came from tor (its torrc and %include files, its log,
// its state file). A path from tor is a claim, not a permission — a hostile control port can name
// /proc/self/environ or /etc/shadow, and ortop often runs as root. Shown only when the file is
// plausibly tor's: not under /proc, /sys or /dev; of the right kind and size; owned by tor's user
// or root and readable by tor's user. Pure: facts in, a reason (or undefined: fine) out.
import { formatByteSize } from './bounded-read.js';

/** Who tor runs as, from /proc/<tor's pid>/status (tor-owner.ts). */
export type TorOwner =
  | { readonly kind: 'known'; readonly pid: number; readonly uid: number; readonly gids: readonly number[] }
  /** tor is here but ortop cannot tell its user (no pid, /proc hidden): only files anyone may read, owned by root. */
  | { readonly kind: 'unknown'; readonly why: string }
  /** Not a process on this machine (demo, replay, remote port): its paths mean nothing here. */
  | { readonly kind: 'elsewhere' };

export interface TorFileFacts {
  readonly type: 'file' | 'dir' | 'fifo' | 'socket' | 'device' | 'other';
  readonly uid: number;
  readonly gid: number;
  /** Permission bits (st_mode & 0o7777). */
  readonly mode: number;
  readonly sizeBytes: number;
}

export interface TorFileRule {
  /** "a torrc", "tor's log": finishes "…, which is not where ___ lives". */
  readonly what: string;
  /** Directories are accepted (a %include directory is listed). */
  readonly directory?: boolean;
  readonly maxBytes?: number;
}

export const TORRC_RULE: TorFileRule = { what: 'a torrc', maxBytes: 1024 * 1024 };
export const TORRC_DIR_RULE: TorFileRule = { what: 'a torrc', directory: true };
export const TOR_DATA_RULE: TorFileRule = { what: "tor's log or state file" };

/** Kernel and device trees: never a file tor writes or reads its configuration from. */
const SYSTEM_TREES = ['/proc', '/sys', '/dev'];

const under = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);

function kindWords(type: TorFileFacts['type']): string {
  switch (type) {
    case 'dir':
      return 'a directory';
    case 'fifo':
      return 'a FIFO';
    case 'socket':
      return 'a socket';
    case 'device':
      return 'a device';
    default:
      return 'not a regular file';
  }
}

/** Whether `uid`/`gids` may read (and, for a directory, enter) a file with these facts. */
function mayRead(facts: TorFileFacts, uid: number, gids: readonly number[]): boolean {
  if (uid === 0) return true;
  const need = facts.type === 'dir' ? 0o5 : 0o4;
  const bits = facts.uid === uid ? (facts.mode >> 6) & 7 : gids.includes(facts.gid) ? (facts.mode >> 3) & 7 : facts.mode & 7;
  return (bits & need) === need;
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8).padStart(3, '0')}`;

/**
 * Why the file at `realPath` (symbolic links resolved; `claimed` is what tor said) is not shown,
 * or undefined when it may be. Reasons read after "<claimed> is not shown: ".
 */
export function judgeTorFile(claimed: string, realPath: string, facts: TorFileFacts, owner: TorOwner, rule: TorFileRule): string | undefined {
  if (owner.kind === 'elsewhere') return 'tor is not on this machine, so the path means nothing here';
  const via = realPath === claimed ? '' : ` (it leads to ${realPath})`;
  const tree = SYSTEM_TREES.find((dir) => under(realPath, dir));
  if (tree !== undefined) return `it is under ${tree}${via}, which is not where ${rule.what} lives`;
  if (!(facts.type === 'file' || (facts.type === 'dir' && rule.directory === true))) return `it is ${kindWords(facts.type)}${via}, not a file ${rule.what} would be`;
  if (owner.kind === 'unknown') {
    if (facts.uid !== 0) return `ortop cannot tell which user tor runs as (${owner.why}), and it belongs to uid ${facts.uid}, not root${via}`;
    if (!mayRead(facts, -1, [])) return `ortop cannot tell which user tor runs as (${owner.why}), and it is not readable by everyone (mode ${octal(facts.mode)})${via}`;
  } else {
    if (facts.uid !== owner.uid && facts.uid !== 0) return `it belongs to uid ${facts.uid}, neither tor's user (uid ${owner.uid}) nor root${via}`;
    if (!mayRead(facts, owner.uid, owner.gids)) return `tor's user (uid ${owner.uid}) may not read it (mode ${octal(facts.mode)}, owner ${facts.uid}, group ${facts.gid})${via}`;
  }
  if (facts.type === 'file' && rule.maxBytes !== undefined && facts.sizeBytes > rule.maxBytes) {
    return `it is ${formatByteSize(facts.sizeBytes)}, more than ${rule.what} would be (ortop reads up to ${formatByteSize(rule.maxBytes)})${via}`;
  }
  return undefined;
}
