// Numbers as the graph shows them: rates and sizes (bytes with binary prefixes, or bits with
// decimal ones), counts, percentages, and short durations for the x-axis and ages. Pure.
//   formatRate(1258291, false) === '1.2 MB/s'   formatRate(1258291, true) === '10 Mb/s'
//   formatAgo(90) === '1.5m'                    formatDuration(93784) === '1d 02:03:04'

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
const BIT_UNITS = ['b', 'Kb', 'Mb', 'Gb', 'Tb', 'Pb'];

/** One decimal under 10 (trailing .0 dropped), whole numbers above. */
function short(value: number): string {
  if (value < 10) {
    const s = value.toFixed(1);
    return s.endsWith('.0') ? s.slice(0, -2) : s;
  }
  return String(Math.round(value));
}

function scaled(value: number, base: number, units: readonly string[]): string {
  let v = Math.max(0, Number.isFinite(value) ? value : 0);
  let i = 0;
  while (v >= base && i < units.length - 1) {
    v /= base;
    i++;
  }
  // 1023.7 KB would print as "1024 KB": carry into the next unit instead.
  if (Math.round(v) >= base && i < units.length - 1) {
    v /= base;
    i++;
  }
  return `${short(v)} ${units[i]}`;
}

/** A size in bytes: '512 B', '1.2 MB', '37 GB'. */
export function formatSize(bytes: number): string {
  return scaled(bytes, 1024, BYTE_UNITS);
}

/** An amount per second without the "/s" (axis labels): bytes or bits. */
export function formatRateValue(bytesPerSec: number, bits: boolean): string {
  return bits ? scaled(bytesPerSec * 8, 1000, BIT_UNITS) : scaled(bytesPerSec, 1024, BYTE_UNITS);
}

export function formatRate(bytesPerSec: number, bits: boolean): string {
  return `${formatRateValue(bytesPerSec, bits)}/s`;
}

/** Counts: '7', '950', '1.2k', '34k'. */
export function formatCount(n: number): string {
  const v = Math.max(0, Number.isFinite(n) ? n : 0);
  return v < 1000 ? short(v) : `${short(v / 1000)}k`;
}

export function formatPercent(n: number): string {
  return `${short(Math.max(0, Number.isFinite(n) ? n : 0))}%`;
}

/** Time ago for x-axis labels, at most 4 cells: '10s', '1m', '1.5m', '2h', '30h', '3d'. */
export function formatAgo(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${short(s / 60)}m`;
  if (s < 172_800) return `${short(s / 3600)}h`;
  return `${short(s / 86_400)}d`;
}

/** '02:03:04', or '1d 02:03:04' beyond a day (time to an accounting reset). */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  const clock = `${two(Math.floor(total / 3600) % 24)}:${two(Math.floor(total / 60) % 60)}:${two(total % 60)}`;
  const days = Math.floor(total / 86_400);
  return days > 0 ? `${days}d ${clock}` : clock;
}

/** How old something is, in words that fit a title: 'just now', '45 s', '12 min', '5 h', '2 days'. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 10) return 'just now';
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.floor(s / 60)} min`;
  if (s < 172_800) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86_400)} days`;
}
