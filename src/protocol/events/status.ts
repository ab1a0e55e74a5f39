// STATUS_GENERAL / STATUS_CLIENT / STATUS_SERVER events (control-spec §4.1.10) and a typed reading
// of the BOOTSTRAP action. Actions and argument names are open-ended: everything is kept in a map.
// No I/O; only broken quoting throws (ProtocolError).

import { ArgCursor } from './cursor.js';
import { addKeyword, NO_KEYWORDS, type ExtraKeywords, type Open } from './fields.js';

export type StatusKind = 'STATUS_GENERAL' | 'STATUS_CLIENT' | 'STATUS_SERVER';
export type StatusSeverity = Open<'NOTICE' | 'WARN' | 'ERR'>;

/**
 * "650" SP StatusType SP StatusSeverity SP StatusAction [SP StatusArguments]
 *   StatusArgument = StatusKeyword "=" (1*(ALNUM / "_") / QuotedString)
 */
export interface StatusEventOf<Kind extends StatusKind> {
  readonly kind: Kind;
  /** Wire name; "STATUS_SEVER" from pre-0.2.0.22 tors arrives with kind STATUS_SERVER. */
  readonly type: string;
  readonly severity: StatusSeverity;
  /** e.g. BOOTSTRAP, CIRCUIT_ESTABLISHED, DANGEROUS_SOCKS, REACHABILITY_SUCCEEDED, BUG. */
  readonly action: string;
  /** All KEY=VALUE arguments in wire order, quoted values CString- then UTF-8-decoded. */
  readonly arguments: ExtraKeywords;
}

export type StatusEvent = StatusEventOf<'STATUS_GENERAL'> | StatusEventOf<'STATUS_CLIENT'> | StatusEventOf<'STATUS_SERVER'>;

export function parseStatusEvent(line: string, from: number, kind: StatusKind, type: string): StatusEvent {
  const c = new ArgCursor(line, from);
  const severity = c.need('status severity');
  const action = c.need('status action');
  let args: Map<string, string> | undefined;
  while (c.nextKeyword()) args = addKeyword(args, c.key, c.value());
  return { kind, type, severity, action, arguments: args ?? NO_KEYWORDS };
}

export type BootstrapRecommendation = Open<'ignore' | 'warn'>;

/** The arguments of a "STATUS_CLIENT … BOOTSTRAP" event (control-spec §4.1.10, "BOOTSTRAP"). */
export interface BootstrapStatus {
  /** 0-100. */
  readonly progress: number;
  /** e.g. conn, loading_descriptors, done; unknown tags kept raw. */
  readonly tag: string;
  readonly summary: string;
  /** Present when bootstrapping ran into a problem (severity WARN/ERR). */
  readonly warning: string | undefined;
  readonly reason: string | undefined;
  readonly count: number | undefined;
  readonly recommendation: BootstrapRecommendation | undefined;
  readonly host: string | undefined;
  readonly hostAddr: string | undefined;
}

/** Reads a BOOTSTRAP status; undefined when the action is not BOOTSTRAP or PROGRESS is not 0-100. */
export function parseBootstrapStatus(event: StatusEvent): BootstrapStatus | undefined {
  if (event.action !== 'BOOTSTRAP') return undefined;
  const a = event.arguments;
  const progress = wholeNumber(a.get('PROGRESS'));
  if (progress === undefined || progress > 100) return undefined;
  return {
    progress,
    tag: a.get('TAG') ?? '',
    summary: a.get('SUMMARY') ?? '',
    warning: a.get('WARNING'),
    reason: a.get('REASON'),
    count: wholeNumber(a.get('COUNT')),
    recommendation: a.get('RECOMMENDATION'),
    host: a.get('HOST'),
    hostAddr: a.get('HOSTADDR'),
  };
}

function wholeNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,15}$/.test(text)) return undefined;
  return Number(text);
}
