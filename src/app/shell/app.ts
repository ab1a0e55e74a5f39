// The running monitor: lays out header, page area, status line and popups on one blessed screen,
// keeps the view state, turns keys into actions, and redraws — coalesced, on the shown relay's
// model changes and on a one-second tick for clocks. Holds the relay sessions (each owns its
// controller and collectors) and each relay's pages; owns its timers (through the injected clock).
import blessedLite from '../../terminal/blessed-lite.js';
import type blessed from 'blessed';
import { createHeaderBox, drawHeader, formatClock, headerHeight, selectHeaderLines } from '../../../panels/header/index.js';
import { createPopupBox, drawPopup } from '../../../panels/popups/popup-frame.js';
import { selectHelpPopup } from '../../../panels/popups/help-popup.js';
import { createMenuWidgets, drawMenu, selectMenuView, type MenuWidgets } from '../../../panels/popups/menu-view.js';
import { VERSION } from '../../version.js';
import { createStatusMessage, drawLine, selectStatusLayout, type StatusMessage } from '../../../panels/popups/status-line.js';
import type { Settings } from '../../config/index.js';
import type { Clock, Controller, Timer } from '../../controller/index.js';
import type { HeaderFacts } from '../../relay/index.js';
import { NOT_LOCAL_PROC_FS, type ProcFs } from '../../system/index.js';
import type { Screen, Theme } from '../../terminal/index.js';
import { trackKeyBursts, type KeyBursts, type KeyOrigin } from '../../terminal/key-bursts.js';
import type { OwnLevel } from '../session/own-log.js';
import { RelaySession, type HostInfo, type ModelPart } from '../session/relay-session.js';
import { createDeferredRedraw, type DeferredRedraw } from './deferred-redraw.js';
import { RelaysPage } from '../pages/relays-page.js';
import { QuestionGate } from './question-gate.js';
import type { Page, View } from '../pages/page.js';
import { enabledPageNames, PAGE_FACTORIES } from '../pages/pages.js';
import { GLOBAL_HINT_WORDS, globalKeyTable, initialView, reduceGlobalKey, type AppAction, type ViewState } from './view-state.js';
import { actionOf, keyHintsOf } from '../../../panels/key-table.js';
import type { StatusHint, StatusLayout } from '../../../panels/popups/status-line.js';
import { trackMouse, type MouseEvent } from '../../terminal/mouse.js';
import { takeMouse } from './app-mouse.js';

export interface AppOptions {
  readonly screen: Screen;
  readonly clock: Clock;
  readonly settings: Settings;
  readonly theme: Theme;
  /** The relays to show; without them, one session is made from controller, target and procFs. */
  readonly sessions?: readonly RelaySession[];
  readonly controller?: Controller;
  readonly procFs?: ProcFs;
  /** How the connection is described in the header ("127.0.0.1:9051", "/run/tor/control", "demo relay"). */
  readonly target?: string;
  readonly unicode: boolean;
  /** First page shown (index into the enabled pages). */
  readonly startPage?: number;
  /** Start on the Relays overview (with several relays; --page relays). */
  readonly startOverview?: boolean;
  /** Called when the user quits (the caller restores the terminal and exits). */
  readonly onQuit: () => void;
  /** ortop's own messages worth keeping (debug log; later the log panel). */
  readonly onNotice?: (message: string) => void;
  /** Hostname and OS for the header (default: this machine's). */
  readonly hostInfo?: HostInfo;
  /** Ctrl-Z: hand the terminal back and stop (run-tui does it; without it Ctrl-Z says it cannot). */
  readonly onSuspend?: () => void;
}

/** Where the last frame put things, for mouse clicks (src/app/shell/app-mouse.ts). */
export interface FrameLayout {
  readonly width: number;
  readonly height: number;
  readonly headerRows: number;
  readonly bodyRows: number;
  readonly status: StatusLayout | undefined;
}

const COALESCE_MS = 40;
/**
 * A change after a quiet spell waits this long for the changes that come with it: tor's BW event
 * (graph) and the header's /proc sample it triggers are then one frame a second, not two.
 */
const GATHER_MS = 25;
const FIRST_FRAME_FALLBACK_MS = 150;
/** Longest a 'soon' model change (log lines, connection churn) waits for a frame. */
const SOON_REDRAW_MS = 1000;

export class OrtopApp {
  readonly sessions: readonly RelaySession[];
  private relay = 0;
  private readonly pagesBySession = new Map<RelaySession, Page[]>();
  /** Page 0 with several relays: all of them in one table. */
  private readonly relaysPage: RelaysPage | undefined;
  private readonly soonRedraw: DeferredRedraw;
  private readonly unsubscribers: Array<() => void> = [];
  private view: ViewState;
  private frozenFacts: HeaderFacts | undefined;
  private frozenAtMs: number | undefined;
  private message: StatusMessage | undefined;
  private readonly header: blessed.Widgets.BoxElement;
  private readonly status: blessed.Widgets.BoxElement;
  private readonly popup: blessed.Widgets.BoxElement;
  private readonly menu: MenuWidgets;
  private renderTimer: Timer | undefined;
  private tickTimer: Timer | undefined;
  private stopped = false;
  private lastFrameAtMs = Number.NEGATIVE_INFINITY;
  private firstFrameTimer: Timer | undefined;
  private pagesStarted = false;
  private readonly bursts: KeyBursts;
  private readonly questions = new QuestionGate((count) => this.reportDiscarded(count));
  private handledKeys = 0;
  private keyFrameQueued = false;
  /** Frames actually drawn (for benchmarks and tests). */
  framesDrawn = 0;
  /** Frames that threw (each message logged once, then the frame is drawn again next tick). */
  renderFailures = 0;
  /** The distinct messages of those failures, first seen first (tests fail on any). */
  readonly renderErrors: string[] = [];
  private retryTimer: Timer | undefined;
  private lastFrameFailed = false;
  /** The theme every panel draws with; the View menu's Colours toggles it at run time. */
  private readonly theme: { colors: boolean };
  /** The last frame's layout (mouse clicks are read against it). */
  layout: FrameLayout | undefined;
  private readonly stopMouse: () => void;

  constructor(private readonly options: AppOptions) {
    const screen = options.screen;
    this.theme = { colors: options.theme.colors };
    this.header = createHeaderBox(screen, 1);
    this.status = blessedBox(screen);
    this.popup = createPopupBox(screen);
    this.menu = createMenuWidgets(screen);
    this.sessions = options.sessions ?? [
      new RelaySession({
        name: options.target ?? 'tor',
        controller: options.controller!,
        target: options.target ?? 'tor',
        clock: options.clock,
        settings: options.settings,
        procFs: options.procFs ?? NOT_LOCAL_PROC_FS,
        ...(options.hostInfo === undefined ? {} : { host: options.hostInfo }),
        ...(options.onNotice === undefined ? {} : { onNotice: options.onNotice }),
      }),
    ];
    if (this.sessions.length === 0) throw new Error('ortop needs at least one relay to show');
    this.soonRedraw = createDeferredRedraw(options.clock, () => this.invalidate(), SOON_REDRAW_MS);
    this.view = initialView(this.pagesOf(this.session).map((p) => p.title), options.startPage ?? 0, this.sessions.length);
    if (this.sessions.length > 1) {
      this.relaysPage = new RelaysPage(
        {
          sessions: this.sessions,
          clock: options.clock,
          settings: options.settings,
          theme: this.theme,
          unicode: options.unicode,
          isPaused: () => this.view.paused,
          openRelay: (index) => {
            this.showRelay(index);
            this.view = { ...this.view, overview: false, page: 0 };
          },
          notify: (text) => this.notify(text),
          invalidate: () => this.invalidate(),
        },
        screen,
      );
      if (options.startOverview === true) this.view = { ...this.view, overview: true };
    }
    for (const session of this.sessions) this.unsubscribers.push(session.onChange((part) => this.modelChanged(session, part)));
    this.sessions.forEach((s, i) => s.setShown(i === this.relay));
    this.bursts = trackKeyBursts(screen.program.input as unknown as Parameters<typeof trackKeyBursts>[0]);
    screen.on('keypress', (ch: unknown, key: { full?: string } | undefined) => {
      // blessed reports one Enter twice: 'return', then 'enter'. Act on 'enter' only, so a menu
      // choice made with Enter does not also reach the page underneath.
      if (key?.full === undefined || key.full === 'return') return;
      this.takeKey(key.full === 'linefeed' ? 'enter' : key.full, typeof ch === 'string' ? ch : undefined, this.bursts.current());
      this.drawAfterBurst();
    });
    screen.on('resize', () => this.renderNow());
    this.stopMouse = trackMouse(screen.program.input as unknown as Parameters<typeof trackMouse>[0], (event) => this.takeMouse(event));
  }

  /** The relay on screen. */
  get session(): RelaySession {
    return this.sessions[this.relay]!;
  }

  /** The pages of one relay, made when first shown (each relay keeps its own view state). */
  private pagesOf(session: RelaySession): Page[] {
    let pages = this.pagesBySession.get(session);
    if (pages === undefined) {
      const o = this.options;
      pages = enabledPageNames(o.settings).map((name) =>
        PAGE_FACTORIES[name](
          {
            session,
            clock: o.clock,
            settings: o.settings,
            theme: this.theme,
            unicode: o.unicode,
            isPaused: () => this.view.paused,
            invalidate: () => this.invalidate(),
            notify: (text) => this.notify(text),
          },
          o.screen,
        ),
      );
      this.pagesBySession.set(session, pages);
    }
    return pages;
  }

  /**
   * A relay's model changed: a frame when it is the relay and page on screen and not paused, now
   * or with the next frame as the page asks. Others' changes draw nothing (they may churn at any rate).
   */
  private modelChanged(session: RelaySession, part: ModelPart): void {
    if (this.stopped) return;
    // The overview shows every relay: any change rides along with the next frame (at most 1 s later).
    if (this.view.overview) {
      if (!this.view.paused && part !== 'config' && part !== 'torrc' && part !== 'interpreter') this.soonRedraw.changed();
      return;
    }
    if (session !== this.session) return;
    if (part === 'header') {
      this.invalidate();
      return;
    }
    const page = this.pagesOf(session)[this.view.page];
    if (page === undefined) return;
    const now = page.parts.now.includes(part);
    if (!now && !page.parts.soon.includes(part)) return;
    page.modelChanged?.(part);
    if (this.view.paused) return;
    if (now) this.invalidate();
    else this.soonRedraw.changed();
  }

  /** Shows relay `index` on the same page; its pages keep their own view state. */
  showRelay(index: number): void {
    if (index < 0 || index >= this.sessions.length || index === this.relay) return;
    this.session.setShown(false);
    this.relay = index;
    this.session.setShown(true);
    this.frozenFacts = this.view.paused ? this.session.facts : undefined;
    this.soonRedraw.cancel();
    this.invalidate();
  }

  /** Adds one of ortop's own messages to the shown relay's log (shown by the log panel). */
  logOwn(level: OwnLevel, message: string): void {
    this.session.log(level, message);
  }

  start(): void {
    for (const session of this.sessions) session.start();
    // Pages start collecting right after the first frame: their first requests and backlogs
    // (history, log file, consensus, manual) must not hold up the header the user waits for.
    if (this.session.controller.state === 'connected') {
      // The collector's first answers arrive within milliseconds and draw the first frame (with
      // data) at once; this only covers a tor that is slow to answer.
      this.firstFrameTimer = this.options.clock.setTimer(() => this.renderNow(), FIRST_FRAME_FALLBACK_MS);
    } else {
      this.renderNow();
    }
    this.scheduleTick();
  }

  stop(): void {
    this.stopped = true;
    for (const u of this.unsubscribers.splice(0)) u();
    for (const session of this.sessions) session.stop();
    this.soonRedraw.cancel();
    this.renderTimer?.cancel();
    this.tickTimer?.cancel();
    this.firstFrameTimer?.cancel();
    this.retryTimer?.cancel();
    this.bursts.dispose();
    this.stopMouse();
  }

  get viewState(): ViewState {
    return this.view;
  }

  /** The page on screen (tests and the snapshot mode look at it). */
  get currentPage(): View {
    if (this.view.overview && this.relaysPage !== undefined) return this.relaysPage;
    return this.pagesOf(this.session)[this.view.page]!;
  }

  get headerFacts(): HeaderFacts {
    return this.session.facts;
  }

  /** Runs a key as if pressed on its own (tests, scripted demos), and draws. */
  handleKey(key: string, ch?: string): void {
    // A key of its own, in a burst of its own (numbered below the terminal's, which count up from 1).
    this.takeKey(key, ch, { burst: --this.handledKeys, alone: true, pasted: false });
    this.renderNow();
  }

  /** A yes/no question is on screen: the app's (quit, reload) or the page's. */
  private asking(): boolean {
    if (this.view.popup.kind === 'confirm') return true;
    return this.view.popup.kind === 'none' && this.currentPage.awaitsAnswer();
  }

  /** The one door every key goes through: Ctrl-Z, then the question gate (src/app/shell/question-gate.ts), then the page or the app. */
  private takeKey(key: string, ch: string | undefined, origin: KeyOrigin): void {
    if (this.stopped) return;
    if (actionOf(globalKeyTable(this.view), key) === 'suspend') {
      if (this.options.onSuspend === undefined) this.say('Ctrl-Z: this terminal cannot be handed back to the shell');
      else this.options.onSuspend();
      return;
    }
    this.questions.take(origin, () => this.asking(), () => this.dispatchKey(key, ch));
  }

  private reportDiscarded(count: number): void {
    if (this.stopped) return;
    const text = `${count} pasted or typed-ahead character${count === 1 ? '' : 's'} discarded at a question: press y or n on its own to answer`;
    this.logOwn('NOTICE', text);
    this.options.onNotice?.(text);
    const page = this.currentPage;
    if (this.view.popup.kind === 'none' && page.noteDiscardedKeys !== undefined) page.noteDiscardedKeys(count);
    this.say(text);
  }

  /** Keys from the terminal draw once per input chunk (a paste of 10,000 keys is one frame, not 10,000). */
  private drawAfterBurst(): void {
    if (this.keyFrameQueued) return;
    this.keyFrameQueued = true;
    queueMicrotask(() => {
      this.keyFrameQueued = false;
      this.renderNow();
    });
  }

  private dispatchKey(key: string, ch: string | undefined): void {
    const page = this.currentPage;
    if (this.view.popup.kind === 'none' && page.capturesKeys()) {
      page.handleKey(key, ch);
      return;
    }
    const pageKeys = page.keyTable?.();
    const result = reduceGlobalKey(this.view, key, this.options.settings.confirmQuit, { pageTitle: page.title, colors: this.theme.colors, ...(pageKeys === undefined ? {} : { pageKeys }) });
    const wasPaused = this.view.paused;
    this.view = result.view;
    if (this.view.paused && !wasPaused) {
      this.frozenFacts = this.session.facts;
      this.frozenAtMs = this.options.clock.nowMs();
    } else if (!this.view.paused) {
      this.frozenFacts = undefined;
      this.frozenAtMs = undefined;
    }
    // A menu choice presses its key without the Enter's character.
    for (const action of result.actions) this.run(action, action.kind === 'page-key' && action.key !== key ? undefined : ch);
  }

  /** Draws a frame soon, coalescing bursts of changes into one. */
  invalidate(): void {
    if (this.stopped || this.renderTimer !== undefined) return;
    const sinceLast = this.options.clock.nowMs() - this.lastFrameAtMs;
    // Leading edge: a change after a quiet spell is drawn after GATHER_MS (the first data frame at
    // start-up at once); changes that follow within COALESCE_MS are folded into one later frame.
    const quietDelayMs = this.pagesStarted ? GATHER_MS : 0;
    this.renderTimer = this.options.clock.setTimer(() => {
      this.renderTimer = undefined;
      this.renderNow();
    }, sinceLast >= COALESCE_MS ? quietDelayMs : Math.max(quietDelayMs, COALESCE_MS - sinceLast));
  }

  /**
   * Lays out and draws everything at the screen's current size. A frame that throws inside blessed
   * (a resize racing a popup, a widget at 1x1) must not end the monitor: the error is logged once
   * (by message) to ortop's own log and the frame is drawn again on the next tick.
   */
  renderNow(): void {
    if (this.stopped) return;
    this.renderTimer?.cancel();
    this.renderTimer = undefined;
    this.firstFrameTimer?.cancel();
    this.firstFrameTimer = undefined;
    this.retryTimer?.cancel();
    this.retryTimer = undefined;
    try {
      this.drawFrame();
    } catch (error) {
      this.frameFailed(error);
    }
  }

  /** Logs a failed frame once per message and retries once on the next tick (not in a loop). */
  frameFailed(error: unknown): void {
    this.renderFailures++;
    const message = error instanceof Error ? error.message : String(error);
    if (!this.renderErrors.includes(message) && this.renderErrors.length < 20) {
      this.renderErrors.push(message);
      const text = `drawing a frame failed (${message}); drawing it again`;
      this.logOwn('ERR', text);
      this.options.onNotice?.(`${text}\n${error instanceof Error ? (error.stack ?? '') : ''}`);
    }
    const streak = this.lastFrameFailed;
    this.lastFrameFailed = true;
    if (!streak && !this.stopped) this.retryTimer = this.options.clock.setTimer(() => this.renderNow(), 0);
  }

  private drawFrame(): void {
    const screen = this.options.screen;
    const width = Math.max(0, screen.width as number);
    const height = Math.max(0, screen.height as number);
    const now = this.options.clock.nowMs();
    const facts = this.frozenFacts ?? this.session.facts;
    const factsNow = this.frozenAtMs ?? now;
    const theme = this.theme;

    const statusRows = height >= 2 ? 1 : 0;
    const headerRows = Math.min(headerHeight(facts, width), Math.max(0, height - statusRows));
    setBox(this.header, 0, headerRows, width);
    const relay = { index: this.relay, count: this.sessions.length, name: this.session.name };
    drawHeader(this.header, selectHeaderLines(facts, factsNow, width, { unicode: this.options.unicode, relay }).slice(0, headerRows), theme);

    const bodyRows = Math.max(0, height - headerRows - statusRows);
    const page = this.currentPage;
    for (const pages of this.pagesBySession.values()) for (const p of pages) p.setVisible(p === page);
    this.relaysPage?.setVisible(this.view.overview);
    page.draw({ top: headerRows, width, height: bodyRows }, now);

    setBox(this.status, height - statusRows, statusRows, width);
    const prompt = this.view.popup.kind === 'confirm' ? this.view.popup.prompt : undefined;
    const statusLayout = selectStatusLayout(
      { page: this.view.overview ? 0 : this.view.page + 1, pageCount: this.view.pageCount, paused: this.view.paused, menuOpen: this.view.popup.kind === 'menu', message: this.message, prompt, globalHints: this.statusHints(), pageKeys: page.keyTable?.() },
      now,
      width,
    );
    drawLine(this.status, statusLayout.line, theme);
    this.layout = { width, height, headerRows, bodyRows, status: statusRows > 0 ? statusLayout : undefined };

    if (this.view.popup.kind === 'help') {
      const model = selectHelpPopup(
        { title: `Page ${this.view.overview ? 0 : this.view.page + 1} (${page.title}) commands`, pageKeys: page.keyHints(), globalKeys: keyHintsOf(globalKeyTable(this.view)) },
        { top: headerRows, left: 0, width, height: bodyRows },
      );
      drawPopup(this.popup, model, theme);
    } else {
      this.popup.hide();
    }
    drawMenu(this.menu, this.view.popup.kind === 'menu' ? selectMenuView(this.view.popup.state, width, height) : undefined, theme);
    this.options.screen.render();
    this.framesDrawn++;
    this.lastFrameFailed = false;
    this.soonRedraw.drawn();
    if (!this.pagesStarted) {
      // The first frame goes to the terminal now, before the sessions' start-up work runs
      // (history, log file, consensus, manual): the header is what the user waits for.
      this.options.screen.program.flush();
      this.pagesStarted = true;
      for (const session of this.sessions) session.startCollecting();
    }
    this.lastFrameAtMs = now;
  }

  /**
   * Redraws for the clocks (uptime, ages) when nothing else has drawn for a redraw period. A relay
   * sends BW once a second, which already redraws; the tick then only waits for the next period.
   */
  private scheduleTick(): void {
    if (this.stopped) return;
    const periodMs = this.options.settings.redrawRateSec * 1000;
    const sinceFrame = this.options.clock.nowMs() - this.lastFrameAtMs;
    this.tickTimer = this.options.clock.setTimer(() => {
      if (this.options.clock.nowMs() - this.lastFrameAtMs >= periodMs) this.invalidate();
      this.scheduleTick();
    }, sinceFrame >= 0 && sinceFrame < periodMs ? periodMs - sinceFrame : periodMs);
  }

  /** The global keys the status line names, from the global key table's rows marked `hint`. */
  private statusHints(): StatusHint[] {
    const out: StatusHint[] = [];
    for (const row of globalKeyTable(this.view)) {
      const words = row.action === undefined ? undefined : GLOBAL_HINT_WORDS[row.action];
      if (row.hint === true && words !== undefined && row.bound[0] !== undefined) out.push({ bound: row.bound[0], keys: row.keys, words });
    }
    return out;
  }

  /** A click or wheel step from the terminal (src/app/shell/app-mouse.ts decides what it means). */
  private takeMouse(event: MouseEvent): void {
    if (this.stopped) return;
    if (takeMouse(this.mouseTarget(), event)) this.drawAfterBurst();
  }

  /** What app-mouse.ts may see and do. */
  private mouseTarget(): Parameters<typeof takeMouse>[0] {
    return {
      view: this.view,
      layout: this.layout,
      page: this.currentPage,
      asking: () => this.asking(),
      pressKey: (key) => this.takeKey(key, undefined, { burst: --this.handledKeys, alone: true, pasted: false }),
      setView: (view) => {
        this.view = view;
      },
    };
  }

  /** Shows one of ortop's own messages on the status line for a while. */
  notify(text: string): void {
    this.say(text, 10_000);
  }

  private say(text: string, durationMs?: number): void {
    this.message = createStatusMessage(text, this.options.clock.nowMs(), durationMs === undefined ? {} : { durationMs });
    this.invalidate();
  }

  private run(action: AppAction, ch?: string): void {
    const c = this.session.controller;
    switch (action.kind) {
      case 'quit':
        this.options.onQuit();
        return;
      case 'newnym': {
        const waitMs = c.newnymWaitMs(this.options.clock.nowMs());
        if (waitMs > 0) {
          this.say(`tor allows a new identity every 10 seconds: available again in ${Math.ceil(waitMs / 1000)} s`);
          return;
        }
        this.say('Requesting a new identity');
        c.signal('NEWNYM').then(
          () => this.say('New identity requested: new connections will use new circuits'),
          (e: Error) => this.say(`NEWNYM failed: ${e.message}`),
        );
        return;
      }
      case 'reconnect':
        this.say('Reconnecting…');
        c.reconnect().then(
          () => this.say('Reconnected to tor'),
          (e: Error) => this.say(`Unable to reconnect: ${e.message}`, 10_000),
        );
        return;
      case 'reload':
        this.say('Reloading tor (SIGHUP)…');
        c.signal('RELOAD').then(
          () => this.say("tor reloaded its configuration"),
          (e: Error) => this.say(`RELOAD failed: ${e.message}`, 10_000),
        );
        return;
      case 'message':
        this.say(action.text);
        return;
      case 'about':
        this.say(`ortop ${VERSION} — a terminal monitor for Tor relays, in the spirit of Nyx (MIT licence)`, 10_000);
        return;
      case 'switch-relay':
        this.showRelay((this.relay + action.step + this.sessions.length) % this.sessions.length);
        return;
      case 'page-key':
        this.currentPage.handleKey(action.key, ch);
        return;
      case 'suspend':
        if (this.options.onSuspend === undefined) this.say('Ctrl-Z: this terminal cannot be handed back to the shell');
        else this.options.onSuspend();
        return;
      case 'toggle-colors':
        this.theme.colors = !this.theme.colors;
        this.say(this.theme.colors ? 'Colours on' : 'Colours off (bold, underline and reverse video remain)');
        return;
    }
  }
}

function blessedBox(screen: Screen): blessed.Widgets.BoxElement {
  return blessedLite.box({ parent: screen, top: 0, left: 0, width: 1, height: 1, tags: true, wrap: false });
}

function setBox(box: blessed.Widgets.BoxElement, top: number, rows: number, width: number): void {
  if (rows <= 0 || width <= 0) {
    box.hide();
    return;
  }
  box.show();
  box.top = top;
  box.left = 0;
  box.height = rows;
  box.width = width;
}
