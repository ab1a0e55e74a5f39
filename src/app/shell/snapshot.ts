// `ortop --snapshot`: the app exactly as the TUI draws it, rendered once into the fake terminal
// after collecting for a while, printed as text, ANSI or SVG. Same OrtopApp, same panels.
// `--snapshot json`: the same sessions after the same wait, as one JSON frame (docs/snapshot-json.md).
import { realClock } from '../../controller/index.js';
import type { PageName, Settings } from '../../config/index.js';
import { createFakeTerminal, gridAnsi, gridSvg, gridText, readGrid, type Theme } from '../../terminal/index.js';
import type { RelaySession } from '../session/relay-session.js';
import { OrtopApp } from './app.js';
import { enabledPageNames } from '../pages/pages.js';
import { OptionError } from './options.js';
import { buildSnapshotJson, formatSnapshotJson, type SnapshotRelayInput } from '../../relay/fleet/index.js';
import { overloadSignals } from '../../relay/health/index.js';
import { VERSION } from '../../version.js';
import { summarize } from '../pages/relays-page.js';
import { healthChecksOf } from '../session/session-health.js';

export type SnapshotFormat = 'text' | 'ansi' | 'svg' | 'json';

export interface SnapshotOptions {
  /** The relays to draw (each owns its controller). */
  readonly sessions: readonly RelaySession[];
  readonly settings: Settings;
  readonly theme: Theme;
  readonly unicode: boolean;
  readonly format: SnapshotFormat;
  readonly cols: number;
  readonly rows: number;
  /** A relay's page, or 'relays' for the overview (with several relays). */
  readonly page: PageName | 'relays';
  readonly waitMs: number;
}

export function pageIndexFor(settings: Settings, page: PageName): number {
  const index = enabledPageNames(settings).indexOf(page);
  if (index < 0) throw new OptionError(`page "${page}" is turned off in the config file (show_${page === 'graph' ? 'graph' : page} false)`);
  return index;
}

/** One relay's part of the JSON frame, read from its session at `nowMs`. */
export function snapshotRelayInput(session: RelaySession, nowMs: number): SnapshotRelayInput {
  const newest = session.logs.buffer.problems.newest;
  const graph = session.graph.model;
  return {
    name: session.name,
    target: session.target,
    facts: session.facts,
    summary: summarize(session, nowMs),
    checks: healthChecksOf(session, nowMs),
    signals: overloadSignals(session.torMetrics.model),
    metrics: session.torMetrics.model,
    lastProblem: newest === undefined ? undefined : { atMs: newest.atMs, type: newest.type, message: newest.message },
    totalReadBytes: graph.totalReadBytes,
    totalWrittenBytes: graph.totalWrittenBytes,
  };
}

/** Collects for `waitMs` with no screen, then prints every relay's model as JSON. */
async function renderJsonSnapshot(options: SnapshotOptions): Promise<string> {
  for (const s of options.sessions) s.start();
  for (const s of options.sessions) s.startCollecting();
  try {
    await new Promise((resolve) => setTimeout(resolve, options.waitMs));
    const nowMs = realClock.nowMs();
    return formatSnapshotJson(buildSnapshotJson(options.sessions.map((s) => snapshotRelayInput(s, nowMs)), { nowMs, ortopVersion: VERSION }));
  } finally {
    for (const s of options.sessions) s.stop();
  }
}

export async function renderSnapshot(options: SnapshotOptions): Promise<string> {
  if (options.format === 'json') return renderJsonSnapshot(options);
  const overview = options.page === 'relays';
  if (overview && options.sessions.length < 2) throw new OptionError('--page relays needs more than one relay (several -i/-s, tor-instances, or --demo N)');
  const startPage = options.page === 'relays' ? 0 : pageIndexFor(options.settings, options.page);
  const term = createFakeTerminal({ cols: options.cols, rows: options.rows, unicode: options.unicode });
  const app = new OrtopApp({
    screen: term.screen,
    sessions: options.sessions,
    clock: realClock,
    settings: { ...options.settings, confirmQuit: false },
    theme: options.theme,
    unicode: options.unicode,
    startPage,
    startOverview: overview,
    onQuit: () => {},
  });
  try {
    app.start();
    await new Promise((resolve) => setTimeout(resolve, options.waitMs));
    app.renderNow();
    await term.settle();
    const grid = readGrid(term.screen);
    return options.format === 'svg' ? gridSvg(grid) : options.format === 'ansi' ? gridAnsi(grid) : gridText(grid);
  } finally {
    app.stop();
    await term.destroy();
  }
}
