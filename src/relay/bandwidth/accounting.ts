// Accounting (AccountingMax) as the graph's extra rows show it: hibernation state, time to the
// next reset, bytes used and the limit each way. Parsed from GETINFO accounting/* (control-spec
// §3.9). Pure.

export type Hibernation = 'awake' | 'soft' | 'hard' | (string & {});

export interface AccountingFacts {
  readonly hibernating: Hibernation;
  readonly readBytes: number;
  readonly writtenBytes: number;
  /** Limit each way: used + left (the rule, sum or max, is tor's business). */
  readonly readLimitBytes: number;
  readonly writtenLimitBytes: number;
  readonly intervalEndMs: number | undefined;
  /** When tor was asked. */
  readonly atMs: number;
}

export const ACCOUNTING_KEYS = ['accounting/hibernating', 'accounting/bytes', 'accounting/bytes-left', 'accounting/interval-end'] as const;

function pair(value: string | undefined): [number, number] | undefined {
  const m = /^\s*(\d+)\s+(\d+)\s*$/.exec(value ?? '');
  return m === null ? undefined : [Number(m[1]), Number(m[2])];
}

/** "2026-12-01 00:00:00" (UTC) → epoch ms. */
function parseUtc(value: string | undefined): number | undefined {
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)$/.exec((value ?? '').trim());
  return m === null ? undefined : Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/** From the answers to ACCOUNTING_KEYS; undefined when they do not parse. */
export function parseAccounting(values: ReadonlyMap<string, string>, atMs: number): AccountingFacts | undefined {
  const used = pair(values.get('accounting/bytes'));
  const left = pair(values.get('accounting/bytes-left'));
  const hibernating = values.get('accounting/hibernating')?.trim();
  if (used === undefined || left === undefined || hibernating === undefined || hibernating === '') return undefined;
  return {
    hibernating,
    readBytes: used[0],
    writtenBytes: used[1],
    readLimitBytes: used[0] + left[0],
    writtenLimitBytes: used[1] + left[1],
    intervalEndMs: parseUtc(values.get('accounting/interval-end')),
    atMs,
  };
}
