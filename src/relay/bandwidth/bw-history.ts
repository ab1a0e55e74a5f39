// Traffic history tor already has when ortop starts: GETINFO bw-event-cache (the last ≤300 BW
// events, one per second) and the BWHistory* lines of tor's state file (totals per fixed period,
// 15 minutes in older tors, a day in 0.4.x). Pure parsing and mapping onto our intervals.

export interface BwSecond {
  readonly readBytes: number;
  readonly writtenBytes: number;
}

/**
 * `bw-event-cache` value: space-separated "read,written" pairs, oldest first (control-spec §3.9,
 * "bw-event-cache -- Cached BW events for a short interval"). Malformed pairs are skipped.
 *   parseBwEventCache('0,0 23232,45539') → [{0,0},{23232,45539}]
 */
export function parseBwEventCache(value: string): BwSecond[] {
  const out: BwSecond[] = [];
  for (const pair of value.trim().split(/\s+/)) {
    const m = /^(\d+),(\d+)$/.exec(pair);
    if (m !== null) out.push({ readBytes: Number(m[1]), writtenBytes: Number(m[2]) });
  }
  return out;
}

/** One direction of tor's persisted history: totals per period, oldest first. */
export interface StateHistory {
  /** End of the newest period (its values may be partial: the period was still running). */
  readonly endsAtMs: number;
  readonly intervalSec: number;
  /** Bytes transferred in each period, oldest first. */
  readonly totals: readonly number[];
}

export interface StateFileHistory {
  readonly read: StateHistory | undefined;
  readonly written: StateHistory | undefined;
  /** `LastWritten`: when tor saved the file (the newest period is complete only up to here). */
  readonly lastWrittenAtMs: number | undefined;
}

/** "2026-11-27 10:00:00" (UTC, as the state file says) → epoch ms. */
function parseStateTime(text: string | undefined): number | undefined {
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)$/.exec((text ?? '').trim());
  if (m === null) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

function readDirection(lines: ReadonlyMap<string, string>, prefix: 'BWHistoryRead' | 'BWHistoryWrite'): StateHistory | undefined {
  const endsAtMs = parseStateTime(lines.get(`${prefix}Ends`));
  const intervalSec = Number(lines.get(`${prefix}Interval`));
  const values = lines.get(`${prefix}Values`);
  if (endsAtMs === undefined || !Number.isInteger(intervalSec) || intervalSec <= 0 || values === undefined) return undefined;
  const totals = values.split(',').map((v) => Number(v.trim())).filter((v) => Number.isFinite(v) && v >= 0);
  return totals.length === 0 ? undefined : { endsAtMs, intervalSec, totals };
}

/**
 * The bandwidth history lines of tor's state file ("Keyword value" lines, '#' comments):
 *   BWHistoryReadEnds 2026-11-28 11:29:40     BWHistoryReadInterval 86400
 *   BWHistoryReadValues 0,1048576,…           (and the same for BWHistoryWrite*)
 */
export function parseStateFileHistory(text: string): StateFileHistory {
  const lines = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const m = /^(\w+)\s+(.*)$/.exec(raw.trim());
    if (m !== null && !raw.startsWith('#')) lines.set(m[1]!, m[2]!);
  }
  return {
    read: readDirection(lines, 'BWHistoryRead'),
    written: readDirection(lines, 'BWHistoryWrite'),
    lastWrittenAtMs: parseStateTime(lines.get('LastWritten')),
  };
}

/**
 * Average bytes/s per period, oldest first, and the instant the history covers up to. The
 * newest period is still running when tor saves the file, so its total is divided by the part
 * of it that had passed at LastWritten.
 */
export function stateRates(history: StateHistory, lastWrittenAtMs: number | undefined): { rates: number[]; coversUntilMs: number } {
  const n = history.totals.length;
  const newestStartMs = history.endsAtMs - history.intervalSec * 1000;
  const partialSec =
    lastWrittenAtMs !== undefined && lastWrittenAtMs > newestStartMs && lastWrittenAtMs < history.endsAtMs
      ? Math.max(1, (lastWrittenAtMs - newestStartMs) / 1000)
      : history.intervalSec;
  const rates = history.totals.map((total, i) => total / (i === n - 1 ? partialSec : history.intervalSec));
  return { rates, coversUntilMs: newestStartMs + partialSec * 1000 };
}

/**
 * State-file rates regrouped into buckets of `bucketSec` (a whole multiple of the file's period),
 * oldest first, followed by NaN buckets for the time between the history's end and now.
 * Empty when the file's period is longer than the bucket or does not divide it.
 */
export function historyBuckets(history: StateHistory, lastWrittenAtMs: number | undefined, bucketSec: number, nowMs: number, maxBuckets: number): number[] {
  if (bucketSec < history.intervalSec || bucketSec % history.intervalSec !== 0) return [];
  const group = bucketSec / history.intervalSec;
  const { rates, coversUntilMs } = stateRates(history, lastWrittenAtMs);
  const buckets: number[] = [];
  // Group from the newest end so the newest bucket lines up with the newest period.
  for (let end = rates.length; end > 0; end -= group) {
    const slice = rates.slice(Math.max(0, end - group), end);
    buckets.push(slice.reduce((a, b) => a + b, 0) / slice.length);
  }
  buckets.reverse();
  const gap = Math.max(0, Math.floor((nowMs - coversUntilMs) / (bucketSec * 1000)));
  for (let i = 0; i < Math.min(gap, maxBuckets); i++) buckets.push(Number.NaN);
  return buckets.slice(-maxBuckets);
}
