// Timestamps and sizes the way tor writes them in control output and log messages (ISOTime2,
// ISOTime2Frac, directory time, heartbeat uptime and byte counts). Pure; times are epoch ms in.

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** "2026-11-27 09:48:01" (directory documents, accounting). */
export function formatDirTime(atMs: number): string {
  const d = new Date(atMs);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** "2026-11-27T09:44:48" (ISOTime2: current-time/utc). */
export function formatIsoTime(atMs: number): string {
  return formatDirTime(atMs).replace(' ', 'T');
}

/** "2026-11-27T09:47:36.602531" (ISOTime2Frac: TIME_CREATED, CIRC_BW TIME); `micros` are the last 3 digits. */
export function formatIsoTimeFrac(atMs: number, micros = 0): string {
  return `${formatIsoTime(atMs)}.${pad(Math.floor(atMs) % 1000, 3)}${pad(micros % 1000, 3)}`;
}

/** Heartbeat uptime: "2:05 hours", "1 day 0:30 hours", "3 days 2:00 hours" (tor's secs_to_uptime). */
export function formatHeartbeatUptime(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const clock = `${hours}:${pad(minutes)} hours`;
  if (days === 0) return clock;
  return `${days} day${days === 1 ? '' : 's'} ${clock}`;
}

/** Heartbeat byte counts: "312 kB", "12.34 MB", "1.23 GB", "4.56 TB" (tor's bytes_to_usage). */
export function formatHeartbeatBytes(bytes: number): string {
  if (bytes < 2 ** 20) return `${Math.floor(bytes / 1024)} kB`;
  if (bytes < 2 ** 30) return `${(bytes / 2 ** 20).toFixed(2)} MB`;
  if (bytes < 2 ** 40) return `${(bytes / 2 ** 30).toFixed(2)} GB`;
  return `${(bytes / 2 ** 40).toFixed(2)} TB`;
}
