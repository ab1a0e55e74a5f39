// The event types the log shows: tor's runlevels, ortop's own ORTOP_* runlevels (as Nyx's NYX_*)
// and any other event tor lists in events/names; how a selection is split between tor and
// ortop, and the condensed title form ("NOTICE-ERR, ORTOP NOTICE-ERR, CIRC"). Pure.

export const TOR_RUNLEVELS = ['DEBUG', 'INFO', 'NOTICE', 'WARN', 'ERR'] as const;
export const ORTOP_RUNLEVELS = ['ORTOP_DEBUG', 'ORTOP_INFO', 'ORTOP_NOTICE', 'ORTOP_WARN', 'ORTOP_ERR'] as const;
export const ORTOP_PREFIX = 'ORTOP_';

export type TorRunlevelName = (typeof TOR_RUNLEVELS)[number];

export function isTorRunlevel(type: string): type is TorRunlevelName {
  return (TOR_RUNLEVELS as readonly string[]).includes(type);
}

export function isOrtopType(type: string): boolean {
  return type.startsWith(ORTOP_PREFIX);
}

/** Nyx's spellings and aliases → ours: WARNING→WARN, NYX_ERROR→ORTOP_ERR, lower case → upper. */
export function canonicalEventType(name: string): string {
  const upper = name.trim().toUpperCase().replace(/^NYX_/, ORTOP_PREFIX);
  if (upper === 'WARNING' || upper === 'ORTOP_WARNING') return upper.replace('WARNING', 'WARN');
  if (upper === 'ERROR' || upper === 'ORTOP_ERROR') return upper.replace('ERROR', 'ERR');
  return upper;
}

export interface EventSelection {
  /** Types to ask tor for (runlevels and other events), in a stable order. */
  readonly torTypes: readonly string[];
  /** ortop's own levels, without the prefix ('NOTICE', …). */
  readonly ownLevels: ReadonlySet<string>;
}

/** Splits a selection (canonical names) into what tor sends and what ortop itself logs. */
export function splitSelection(types: readonly string[]): EventSelection {
  const tor: string[] = [];
  const own = new Set<string>();
  for (const t of types) {
    if (isOrtopType(t)) own.add(t.slice(ORTOP_PREFIX.length));
    else if (!tor.includes(t)) tor.push(t);
  }
  return { torTypes: tor, ownLevels: own };
}

/** Contiguous runs of the selected levels: ['DEBUG', 'NOTICE-ERR']. */
function runs(levels: readonly string[], selected: ReadonlySet<string>): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= levels.length; i++) {
    const on = i < levels.length && selected.has(levels[i]!);
    if (on && start < 0) start = i;
    if (!on && start >= 0) {
      out.push(start === i - 1 ? levels[start]! : `${levels[start]}-${levels[i - 1]}`);
      start = -1;
    }
  }
  return out;
}

/**
 * The log title's form of a selection, which -l/--log and logged_events accept back:
 *   NOTICE WARN ERR ORTOP_NOTICE ORTOP_WARN ORTOP_ERR → "TOR/ORTOP NOTICE-ERR"
 *   INFO-ERR + ORTOP_WARN-ERR + CIRC, BW           → "INFO-ERR, ORTOP WARN-ERR, BW, CIRC"
 */
export function condenseEventTypes(types: Iterable<string>): string {
  const set = new Set(types);
  const tor = runs(TOR_RUNLEVELS, set);
  const own = runs(
    TOR_RUNLEVELS,
    new Set([...set].filter(isOrtopType).map((t) => t.slice(ORTOP_PREFIX.length))),
  );
  const parts: string[] = [];
  if (tor.length > 0 && tor.join() === own.join()) parts.push(...tor.map((r) => `TOR/ORTOP ${r}`));
  else parts.push(...tor, ...own.map((r) => `ORTOP ${r}`));
  const others = [...set].filter((t) => !isTorRunlevel(t) && !(ORTOP_RUNLEVELS as readonly string[]).includes(t)).sort();
  parts.push(...others);
  return parts.join(', ');
}
