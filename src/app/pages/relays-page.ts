// Page 0, Relays: every attached relay in one table (shown when ortop watches more than one).
// Glue only: each session's model is summarised per frame (src/relay/fleet), panels/relays selects
// and draws, its key table drives help and dispatch; Enter asks the app to open that relay.
import type blessed from 'blessed';
import { keyHintsOf, type KeyTable } from '../../../panels/key-table.js';
import type { KeyHint } from '../../../panels/panel.js';
import { createRelaysBox, drawRelays, initialRelaysView, reduceRelaysKey, RELAYS_KEY_TABLE, selectedPosition, selectRelaysPage, type RelaysView } from '../../../panels/relays/index.js';
import type { Clock } from '../../controller/index.js';
import type { Settings } from '../../config/index.js';
import { summarizeRelay, type RelaySummary } from '../../relay/fleet/index.js';
import type { Theme } from '../../terminal/index.js';
import type { RelaySession } from '../session/relay-session.js';
import { healthSummaryOf } from '../session/session-health.js';
import type { PageMouse, View } from './page.js';

export interface RelaysPageContext {
  readonly sessions: readonly RelaySession[];
  readonly clock: Clock;
  readonly settings: Settings;
  readonly theme: Theme;
  readonly unicode: boolean;
  /** Enter on a relay: show its pages. */
  openRelay(index: number): void;
  notify(text: string): void;
  invalidate(): void;
  /** True while the user has paused the view: the table keeps the numbers it had. */
  isPaused?(): boolean;
}

/** One relay's model as the summary reads it. */
export function summarize(session: RelaySession, nowMs: number): RelaySummary {
  return summarizeRelay(
    {
      name: session.name,
      facts: session.facts,
      graph: session.graph.model,
      ...(session.connections.loaded ? { connections: session.connections.store } : {}),
      logs: session.logs.buffer,
      directory: session.consensus.directory,
      health: healthSummaryOf(session, nowMs),
    },
    nowMs,
  );
}

export class RelaysPage implements View {
  readonly title = 'Relays';
  private view: RelaysView = initialRelaysView();
  private readonly box: blessed.Widgets.BoxElement;
  private listRows = 10;
  private listTop = 0;
  private order: readonly number[] = [];
  private summaries: RelaySummary[] = [];

  constructor(
    private readonly context: RelaysPageContext,
    parent: blessed.Widgets.Node,
  ) {
    this.box = createRelaysBox(parent);
  }

  keyHints(): readonly KeyHint[] {
    return keyHintsOf(RELAYS_KEY_TABLE(this.view));
  }

  keyTable(): KeyTable | undefined {
    return this.view.editingFilter === undefined ? RELAYS_KEY_TABLE(this.view) : undefined;
  }

  setVisible(visible: boolean): void {
    if (!visible) this.box.hide();
  }

  draw(area: { readonly top: number; readonly width: number; readonly height: number }, nowMs: number): void {
    const paused = this.context.isPaused?.() === true;
    if (!paused || this.summaries.length !== this.context.sessions.length) this.summaries = this.context.sessions.map((s) => summarize(s, nowMs));
    const page = selectRelaysPage(this.summaries, this.view, area.width, area.height, { unicode: this.context.unicode, nowMs, bits: this.context.settings.showBits });
    this.view = { ...this.view, scroll: page.scroll };
    this.listRows = page.listRows;
    this.listTop = page.listTop ?? 0;
    this.order = page.order;
    drawRelays(this.box, { top: area.top, width: area.width, height: area.height }, page.lines, this.context.theme);
  }

  /** A click on a relay selects it; on the selected one, opens its pages (as Enter). */
  handleMouse(event: PageMouse): boolean {
    if (event.kind !== 'click' || this.view.editingFilter !== undefined) return false;
    const at = this.view.scroll + event.row - this.listTop;
    if (event.row < this.listTop || event.row >= this.listTop + this.listRows || at < 0 || at >= this.order.length) return false;
    if (at === selectedPosition(this.order, this.view)) return this.handleKey('enter', undefined);
    this.view = { ...this.view, selected: this.order[at] };
    this.context.invalidate();
    return true;
  }

  capturesKeys(): boolean {
    return this.view.editingFilter !== undefined;
  }

  awaitsAnswer(): boolean {
    return false;
  }

  handleKey(key: string, ch: string | undefined): boolean {
    const now = this.context.clock.nowMs();
    if (this.summaries.length !== this.context.sessions.length) this.summaries = this.context.sessions.map((s) => summarize(s, now));
    const outcome = reduceRelaysKey(this.view, key, ch, this.summaries, this.listRows);
    this.view = outcome.view;
    if (outcome.command?.kind === 'open-relay') this.context.openRelay(outcome.command.index);
    else if (outcome.command?.kind === 'message') this.context.notify(outcome.command.text);
    this.context.invalidate();
    return outcome.handled;
  }
}
