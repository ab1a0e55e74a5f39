// tor's own log file, for the backlog shown at start: which file (the first "file" entry of
// GETCONF Log), and its lines since the current tor instance opened it ("Tor 0.4.9.11 opening
// new log file.") as log entries. Pure: the caller reads a bounded tail of the file.
import { cleanMessage, type NewLogEntry } from './log-entry.js';
import type { TorRunlevelName } from './log-types.js';

export interface LogFileTarget {
  readonly path: string;
  /** The Log line it came from, e.g. "notice file /var/log/tor/notices.log". */
  readonly line: string;
}

/**
 * torrc `Log` (tor-manual): `Log minSeverity[-maxSeverity] ... file FILENAME`, also with
 * `[domain,...]` prefixes; other sinks are stderr, stdout and syslog. First file entry wins.
 */
export function findLogFile(logLines: readonly string[]): LogFileTarget | undefined {
  for (const line of logLines) {
    const m = /^(.*?)\bfile\s+(.+)$/.exec(line.trim());
    if (m === null) continue;
    const path = m[2]!.trim().replace(/^"(.*)"$/, '$1');
    if (path !== '') return { path, line: line.trim() };
  }
  return undefined;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LEVELS: Record<string, TorRunlevelName> = { debug: 'DEBUG', info: 'INFO', notice: 'NOTICE', warn: 'WARN', err: 'ERR' };

/** "Nov 27 11:29:40.356 [notice] message" (local time, no year). */
const LINE = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))? \[(debug|info|notice|warn|err)\] (.*)$/;
const OPENING = /^Tor \S+ opening (?:new )?log file\.$/;

export interface TorLogBacklog {
  /** Entries oldest first, only of the wanted runlevels. */
  readonly entries: NewLogEntry[];
  /** True when the "opening log file" line of the current tor was among the lines read. */
  readonly foundStart: boolean;
  readonly startedAtMs: number | undefined;
  /** Lines that looked like tor log lines (any runlevel) since the start. */
  readonly linesRead: number;
}

/** The year is not in tor's log lines: take the one that does not put the line in the future. */
function lineTimeMs(m: RegExpExecArray, nowMs: number): number | undefined {
  const month = MONTHS.indexOf(m[1]!);
  if (month < 0) return undefined;
  const now = new Date(nowMs);
  const make = (year: number) =>
    new Date(year, month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Math.floor(Number(`0.${m[6] ?? '0'}`) * 1000)).getTime();
  const guess = make(now.getFullYear());
  return guess > nowMs + 86_400_000 ? make(now.getFullYear() - 1) : guess;
}

/** tor writes its "opening log file" line a moment after it starts; allow this much. */
const START_SLACK_MS = 30_000;

/**
 * The tail of tor's log file → entries of the wanted runlevels since the current instance's
 * "opening log file" line (or all of the text when that line is not in it). tor writes that line
 * again when a SIGHUP reopens its logs, so when tor's start time is known the last such line at
 * or before it (plus a little slack) marks the start. `text` may start mid-line (a bounded read):
 * a first line that does not parse is skipped.
 */
export function parseTorLogTail(text: string, wanted: ReadonlySet<string>, nowMs: number, maxLines: number, torStartedAtMs?: number): TorLogBacklog {
  let lines = text.split('\n');
  if (lines.length > maxLines) lines = lines.slice(lines.length - maxLines);
  const parsed: Array<{ atMs: number; level: TorRunlevelName; message: string }> = [];
  let start = -1;
  for (const raw of lines) {
    const m = LINE.exec(raw.replace(/\r$/, ''));
    if (m === null) continue;
    const atMs = lineTimeMs(m, nowMs);
    if (atMs === undefined) continue;
    const message = m[8]!;
    if (OPENING.test(message) && (torStartedAtMs === undefined || atMs <= torStartedAtMs + START_SLACK_MS)) start = parsed.length;
    parsed.push({ atMs, level: LEVELS[m[7]!]!, message });
  }
  const current = start >= 0 ? parsed.slice(start) : parsed;
  const entries: NewLogEntry[] = [];
  for (const p of current) {
    if (wanted.has(p.level)) entries.push({ atMs: p.atMs, type: p.level, message: cleanMessage(p.message), source: 'backlog' });
  }
  return { entries, foundStart: start >= 0, startedAtMs: start >= 0 ? parsed[start]!.atMs : undefined, linesRead: current.length };
}
