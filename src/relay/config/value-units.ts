// Option values by tor type (GETINFO config/names): unit parsing so "1 GB" (config/defaults) and
// "1073741824" (config-text, GETCONF) compare equal, and the short human form shown in the list.
// Pure. Unit words follow tor's own tables (src/lib/confmgt/unitparse.c), case-insensitively.

const SIZE_UNITS: ReadonlyArray<[readonly string[], number]> = [
  [['', 'b', 'byte', 'bytes'], 1],
  [['kb', 'kbyte', 'kbytes', 'kilobyte', 'kilobytes'], 2 ** 10],
  [['kbit', 'kbits', 'kilobit', 'kilobits'], 2 ** 7],
  [['mb', 'mbyte', 'mbytes', 'megabyte', 'megabytes'], 2 ** 20],
  [['mbit', 'mbits', 'megabit', 'megabits'], 2 ** 17],
  [['gb', 'gbyte', 'gbytes', 'gigabyte', 'gigabytes'], 2 ** 30],
  [['gbit', 'gbits', 'gigabit', 'gigabits'], 2 ** 27],
  [['tb', 'tbyte', 'tbytes', 'terabyte', 'terabytes'], 2 ** 40],
  [['tbit', 'tbits', 'terabit', 'terabits'], 2 ** 37],
];

const TIME_UNITS_SEC: ReadonlyArray<[readonly string[], number]> = [
  [['', 'second', 'seconds', 'sec', 'secs'], 1],
  [['minute', 'minutes', 'min', 'mins'], 60],
  [['hour', 'hours'], 3600],
  [['day', 'days'], 86_400],
  [['week', 'weeks'], 604_800],
  [['month', 'months'], 2_629_728],
];

const TIME_UNITS_MSEC: ReadonlyArray<[readonly string[], number]> = [
  [['', 'msec', 'msecs', 'millisecond', 'milliseconds'], 1],
  [['second', 'seconds', 'sec', 'secs'], 1000],
  [['minute', 'minutes', 'min', 'mins'], 60_000],
  [['hour', 'hours'], 3_600_000],
  [['day', 'days'], 86_400_000],
  [['week', 'weeks'], 604_800_000],
];

function parseWithUnits(value: string, table: ReadonlyArray<[readonly string[], number]>): number | undefined {
  const m = /^\s*(-?[0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]*)\s*$/.exec(value);
  if (m === null) return undefined;
  const unit = m[2]!.toLowerCase();
  const row = table.find(([names]) => names.includes(unit));
  return row === undefined ? undefined : Math.round(Number(m[1]) * row[1]);
}

/** "1 GB" → 1073741824, "100 KB" → 102400, "8192" → 8192. */
export const parseDataSize = (value: string): number | undefined => parseWithUnits(value, SIZE_UNITS);
/** "10 minutes" → 600 (seconds). */
export const parseInterval = (value: string): number | undefined => parseWithUnits(value, TIME_UNITS_SEC);
/** "100 msec" → 100, "1 second" → 1000 (milliseconds). */
export const parseMsecInterval = (value: string): number | undefined => parseWithUnits(value, TIME_UNITS_MSEC);

/** Types whose value is a list of lines (several values, SETCONF repeats the key). */
export function isLineListType(type: string): boolean {
  return type === 'LineList' || type === 'Dependent' || type === 'Dependant' || type === 'Virtual';
}

/** One value in the form tor compares: sizes in bytes, intervals in seconds/ms, booleans 0/1. */
export function normalizeConfValue(type: string, value: string): string {
  const v = value.trim();
  switch (type) {
    case 'DataSize':
    case 'Memunit': {
      const n = parseDataSize(v);
      return n === undefined ? v : String(n);
    }
    case 'TimeInterval':
    case 'Interval': {
      const n = parseInterval(v);
      return n === undefined ? v : String(n);
    }
    case 'TimeMsecInterval': {
      const n = parseMsecInterval(v);
      return n === undefined ? v : String(n);
    }
    case 'Boolean':
    case 'Boolean+Auto': {
      const lower = v.toLowerCase();
      if (lower === 'true') return '1';
      if (lower === 'false') return '0';
      return lower;
    }
    case 'Float':
    case 'Integer':
    case 'SignedInteger':
    case 'Int':
    case 'Port': {
      const n = Number(v);
      return v !== '' && Number.isFinite(n) ? String(n) : v;
    }
    case 'CommaList':
    case 'RouterList':
      return v.split(',').map((s) => s.trim()).filter((s) => s !== '').join(',');
    default:
      return v;
  }
}

/** Whether two value lists mean the same to tor. */
export function sameConfValues(type: string, a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((v, i) => normalizeConfValue(type, v) === normalizeConfValue(type, b[i]!));
}

const SIZE_LABELS: ReadonlyArray<[number, string]> = [
  [2 ** 40, 'TB'],
  [2 ** 30, 'GB'],
  [2 ** 20, 'MB'],
  [2 ** 10, 'KB'],
];

/** 1073741824 → "1 GB", 1536 → "1.5 KB", 100 → "100 B". */
export function formatBytes(bytes: number): string {
  for (const [size, label] of SIZE_LABELS) {
    if (Math.abs(bytes) >= size) {
      const n = bytes / size;
      return `${Number.isInteger(n) ? n : n.toFixed(1).replace(/\.0$/, '')} ${label}`;
    }
  }
  return `${bytes} B`;
}

const INTERVAL_LABELS: ReadonlyArray<[number, string]> = [
  [604_800, 'week'],
  [86_400, 'day'],
  [3600, 'hour'],
  [60, 'minute'],
  [1, 'second'],
];

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** 600 → "10 minutes", 5400 → "1 hour 30 minutes", 0 → "0 seconds". */
export function formatSeconds(seconds: number): string {
  if (seconds === 0 || !Number.isFinite(seconds)) return plural(seconds, 'second');
  const sign = seconds < 0 ? '-' : '';
  let left = Math.abs(seconds);
  const parts: string[] = [];
  for (const [size, unit] of INTERVAL_LABELS) {
    if (left >= size && parts.length < 2) {
      const n = Math.floor(left / size);
      parts.push(plural(n, unit));
      left -= n * size;
    }
  }
  return sign + parts.join(' ');
}

export function formatMilliseconds(ms: number): string {
  if (ms !== 0 && ms % 1000 === 0) return formatSeconds(ms / 1000);
  return `${ms} ms`;
}

/** One value as the list shows it: True/False, "1 GB", "10 minutes"; anything else as tor wrote it. */
export function formatConfValue(type: string, value: string): string {
  const v = value.trim();
  switch (type) {
    case 'Boolean':
    case 'Boolean+Auto': {
      const n = normalizeConfValue(type, v);
      return n === '1' ? 'True' : n === '0' ? 'False' : v;
    }
    case 'DataSize': {
      const n = parseDataSize(v);
      return n === undefined ? v : formatBytes(n);
    }
    case 'TimeInterval': {
      const n = parseInterval(v);
      return n === undefined ? v : formatSeconds(n);
    }
    case 'TimeMsecInterval': {
      const n = parseMsecInterval(v);
      return n === undefined ? v : formatMilliseconds(n);
    }
    default:
      return v;
  }
}

/** Several values (LineList) joined for one row: "notice file /var/log/tor/notices.log; info stdout". */
export function formatConfValues(type: string, values: readonly string[]): string {
  if (values.length === 0) return '<none>';
  return values.map((v) => formatConfValue(type, v)).join('; ');
}
