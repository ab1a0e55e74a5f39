// Reading ortop's frames in end-to-end tests: which rows may differ between two renders taken a
// moment apart (clocks, rates, CPU), and parsers for the connections page's rows and circuits.
// Pure text in, plain values out.

/** Numbers with their units ("8.1%", "218 MB", "00:02:27", "7.8 MB/s", "76 s") become "#"; runs of blanks one. */
export function maskNumbers(row: string): string {
  return row
    .replace(/\d+(?:[.:]\d+)*(?:\s*(?:%|[KMGT]?i?B(?:\/s)?|[KMGT]?b(?:\/s)?|s|m|h|d)(?![A-Za-z]))?/g, '#')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface FrameParts {
  readonly header: string[];
  readonly body: string[];
  readonly status: string;
}

/** Splits a frame at the first page row: the header is the rows before the line starting the page title. */
export function splitFrame(frame: string, headerRows: number): FrameParts {
  const rows = frame.split('\n');
  return { header: rows.slice(0, headerRows), body: rows.slice(headerRows, -1), status: rows.at(-1) ?? '' };
}

/**
 * The rows of a frame that do not depend on when it was drawn, masked: header and status line always;
 * the body of pages that show tor's configuration; only the titles of pages that show live data.
 */
export function comparableRows(frame: string, page: string, headerRows: number): string[] {
  const { header, body, status } = splitFrame(frame, headerRows);
  const live = page === 'graph' || page === 'connections';
  const kept = live ? body.filter((r) => /^(Bandwidth|Download|Events|Connections)\b/.test(r)).map((r) => r.replace(/\(.*$/, '(…')) : body;
  return [...header, ...kept, status].map(maskNumbers);
}

export interface ConnectionRow {
  readonly local: string;
  readonly direction: '<--' | '-->';
  readonly remote: string;
  readonly name: string;
  readonly category: string;
}

/** "127.0.0.1:32009       <-- 127.0.0.1:37916 (??)          auth1      >1.5s (INBOUND)" */
export function parseConnectionRows(frame: string): ConnectionRow[] {
  const out: ConnectionRow[] = [];
  for (const row of frame.split('\n')) {
    const m = /^(\d+\.\d+\.\d+\.\d+:\d+)\s+(<--|-->)\s+(\S+)(?: \([^)]*\))?\s+(\S.*?)\s{2,}.*\(([A-Z]+)\)\s*$/.exec(row);
    if (m !== null) out.push({ local: m[1]!, direction: m[2] as '<--' | '-->', remote: m[3]!, name: m[4]!, category: m[5]! });
  }
  return out;
}

export interface CircuitBlock {
  readonly id: string;
  readonly purpose: string;
  readonly status: string;
  readonly hops: readonly string[];
}

/** "Circuit 20  --> 127.0.0.1:32006 (??)  HS_VANGUARDS, BUILT  22.5s (ONION)" followed by "├─ 1 / Guard  127.0.0.1:32004 (??)  auth2" rows. */
export function parseCircuitBlocks(frame: string): CircuitBlock[] {
  const out: CircuitBlock[] = [];
  let current: { id: string; purpose: string; status: string; hops: string[] } | undefined;
  for (const row of frame.split('\n')) {
    const head = /^Circuit (\S+)\s.*?\s([A-Z_]+), ([A-Z_]+)\b/.exec(row);
    if (head !== null) {
      current = { id: head[1]!, purpose: head[2]!, status: head[3]!, hops: [] };
      out.push(current);
      continue;
    }
    const hop = /^\s*[├└]─ (\d+) \/ \S+\s+\S+(?: \([^)]*\))?\s+(\S+)/.exec(row);
    if (hop !== null && current !== undefined) current.hops.push(hop[2]!);
    else if (!/^\s*[│├└]/.test(row)) current = undefined;
  }
  return out;
}

export interface StreamRow {
  readonly id: string;
  readonly status: string;
  /** As drawn: "127.0.0.1:46173 via exit1". */
  readonly target: string;
  /** The circuit the row is drawn under; undefined for an unattached stream. */
  readonly circuitId: string | undefined;
}

/** "  ├─ stream 35   SUCCEEDED   127.0.0.1:46173 via exit1   from 127.0.0.1:59768   0.2s" under a "Circuit N" row. */
export function parseStreamRows(frame: string): StreamRow[] {
  const out: StreamRow[] = [];
  let circuitId: string | undefined;
  for (const row of frame.split('\n')) {
    const head = /^Circuit (\S+)\s/.exec(row);
    if (head !== null) {
      circuitId = head[1];
      continue;
    }
    const m = /^\s*[├└]─ stream (\S+)\s+([A-Z_]+)\s+(.*?)(?:\s+from \S+)?\s{2,}\S*$/.exec(row);
    if (m !== null) out.push({ id: m[1]!, status: m[2]!, target: m[3]!.trim(), circuitId });
    else if (!/^\s*[│├└]/.test(row)) circuitId = undefined;
  }
  return out;
}
