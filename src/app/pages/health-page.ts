// Page 6: the relay's health — checks from the control port and tor's MetricsPort, worst first,
// each with its fix, and tor's overload signals. Glue only: src/relay/health evaluates,
// panels/health selects and draws; keys scroll and hide the checks that are ok. Read-only.
import type blessed from 'blessed';
import { keyHintsOf, type KeyTable } from '../../../panels/key-table.js';
import type { KeyHint } from '../../../panels/panel.js';
import { createHealthBox, drawHealth, healthKeyTable, initialHealthView, reduceHealthKey, selectHealthPage, type HealthPageInput, type HealthView } from '../../../panels/health/index.js';
import { overloadSignals } from '../../relay/health/index.js';
import { healthChecksOf } from '../session/session-health.js';
import type { RelaySession } from '../session/relay-session.js';
import type { Page, PageContext, PageFactory } from './page.js';

/** What the page shows of a session at `nowMs` (also used by snapshot tests). */
export function healthPageInput(session: RelaySession, nowMs: number): HealthPageInput {
  const m = session.torMetrics.model;
  return {
    name: session.name,
    checks: healthChecksOf(session, nowMs),
    signals: overloadSignals(m),
    metricsSource: m.source,
    metricsFetchedAtMs: m.fetchedAtMs,
    metricsProblem: m.problem,
    nowMs,
  };
}

export class HealthPage implements Page {
  readonly name = 'health' as const;
  readonly title = 'Health';
  readonly parts = { now: ['health', 'metrics'], soon: ['header', 'connections', 'graph'] } as const;
  private view: HealthView = initialHealthView();
  private readonly box: blessed.Widgets.BoxElement;
  /** While paused: the page as it was when the pause began. */
  private frozen: HealthPageInput | undefined;

  constructor(
    private readonly context: PageContext,
    parent: blessed.Widgets.Node,
  ) {
    this.box = createHealthBox(parent);
  }

  get viewState(): HealthView {
    return this.view;
  }

  keyTable(): KeyTable {
    return healthKeyTable(this.view);
  }

  keyHints(): readonly KeyHint[] {
    return keyHintsOf(healthKeyTable(this.view));
  }

  setVisible(visible: boolean): void {
    this.context.session.setHealthWatched(visible);
    if (!visible) this.box.hide();
  }

  draw(area: { readonly top: number; readonly width: number; readonly height: number }, nowMs: number): void {
    const live = this.context.isPaused() ? undefined : healthPageInput(this.context.session, nowMs);
    this.frozen = live === undefined ? (this.frozen ?? healthPageInput(this.context.session, nowMs)) : undefined;
    const input = live ?? this.frozen!;
    const page = selectHealthPage(input, this.view, area.width, area.height, { unicode: this.context.unicode });
    this.view = { ...this.view, scroll: page.scroll, pageRows: Math.max(1, page.pageRows) };
    drawHealth(this.box, area, page.lines, this.context.theme);
  }

  capturesKeys(): boolean {
    return false;
  }

  awaitsAnswer(): boolean {
    return false;
  }

  handleKey(key: string): boolean {
    const result = reduceHealthKey(this.view, key);
    this.view = result.view;
    if (result.used) this.context.invalidate();
    return result.used;
  }
}

export function createHealthPage(): PageFactory {
  return (context, parent) => new HealthPage(context, parent);
}
