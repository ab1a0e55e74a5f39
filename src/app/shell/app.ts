// The running monitor: lays out header, page area, status line and popups on one blessed screen,
// keeps the view state, turns keys into actions, and redraws — coalesced, on data changes and on a
// one-second tick for clocks. Owns its timers (through the injected clock); knows nothing of how
// the controller was made (real tor, demo, replay).
import blessedLite from '../../terminal/blessed-lite.js';
import type blessed from 'blessed';
import { createHeaderBox, drawHeader, formatClock, headerHeight, selectHeaderLines } from '../../../panels/header/index.js';
import { createPopupBox, drawPopup } from '../../../panels/popups/popup-frame.js';
import { selectHelpPopup } from '../../../panels/popups/help-popup.js';
import { createMenuWidgets, drawMenu, selectMenuView, type MenuWidgets } from '../../../panels/popups/menu-view.js';
import { VERSION } from '../../version.js';
import { createStatusMessage, drawLine, selectStatusLine, type StatusMessage } from '../../../panels/popups/status-line.js';
import type { Settings } from '../../config/index.js';
import type { Clock, Controller, Timer } from '../../controller/index.js';
import type { HeaderFacts } from '../../relay/index.js';
import type { ProcFs } from '../../system/index.js';
import type { Screen, Theme } from '../../terminal/index.js';
import { trackKeyBursts, type KeyBursts, type KeyOrigin } from '../../terminal/key-bursts.js';
import { HeaderCollector } from '../session/header-collector.js';
import { OwnLog, type OwnLevel } from '../session/own-log.js';
import { QuestionGate } from './question-gate.js';
import type { Page, PageContext } from '../pages/page.js';
import { enabledPageNames, PAGE_FACTORIES } from '../pages/pages.js';
import { GLOBAL_KEY_HINTS, initialView, reduceGlobalKey, type AppAction, type ViewState } from './view-state.js';

export interface AppOptions {
  readonly screen: Screen;
  readonly controller: Controller;
  readonly clock: Clock;
  readonly settings: Settings;
  readonly theme: Theme;
  readonly procFs: ProcFs;
  /** How the connection is described in the header ("127.0.0.1:9051", "/run/tor/control", "demo relay"). */
  readonly target: string;
  readonly unicode: boolean;
  /** First page shown (index into the enabled pages). */
  readonly startPage?: number;
  /** Called when the user quits (the caller restores the terminal and exits). */
  readonly onQuit: () => void;
  /** ortop's own messages worth keeping (debug log; later the log panel). */
  readonly onNotice?: (message: string) => void;
  /** Hostname and OS for the header (default: this machine's). */
  readonly hostInfo?: { readonly hostname: string; readonly osName: string; readonly osRelease: string };
  /** Ctrl-Z: hand the terminal back and stop (run-tui does it; without it Ctrl-Z says it cannot). */
  readonly onSuspend?: () => void;
}

const COALESCE_MS = 40;
const FIRST_FRAME_FALLBACK_MS = 150;

export class OrtopApp {
  private readonly pages: Page[];
  private view: ViewState;
  private frozenFacts: HeaderFacts | undefined;
  private frozenAtMs: number | undefined;
  private message: StatusMessage | undefined;
  private readonly collector: HeaderCollector;
  private readonly header: blessed.Widgets.BoxElement;
  private readonly status: blessed.Widgets.BoxElement;
  private readonly popup: blessed.Widgets.BoxElement;
  private readonly menu: MenuWidgets;
  private renderTimer: Timer | undefined;
  private tickTimer: Timer | undefined;
  private stopped = false;
  private readonly ownLog = new OwnLog();
  private unsubscribeState: (() => void) | undefined;
  private lastFrameAtMs = Number.NEGATIVE_INFINITY;
  private firstFrameTimer: Timer | undefined;
  private pagesStarted = false;
  private connectionCounter: (() => { readonly inbound: number; readonly outbound: number } | undefined) | undefined;
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

  constructor(private readonly options: AppOptions) {
    const screen = options.screen;
    this.header = createHeaderBox(screen, 1);
    this.status = blessedBox(screen);
    this.popup = createPopupBox(screen);
    this.menu = createMenuWidgets(screen);
    const context: PageContext = {
      controller: options.controller,
      clock: options.clock,
      settings: options.settings,
      theme: options.theme,
      unicode: options.unicode,
      procFs: options.procFs,
      headerFacts: () => this.collector.facts,
      isPaused: () => this.view.paused,
      invalidate: () => this.invalidate(),
      notify: (text) => this.notify(text),
      log: (level, message) => {
        this.ownLog.add({ atMs: options.clock.nowMs(), level, message });
        options.onNotice?.(`${level}: ${message}`);
      },
      ownLog: this.ownLog,
      connectionCounts: () => this.connectionCounter?.(),
      provideConnectionCounts: (counter) => {
        this.connectionCounter = counter;
      },
    };
    // A page that is not on screen may change its model at any rate (connections churn with traffic);
    // only the visible page's changes draw a frame. Switching pages draws the new one at once.
    this.pages = enabledPageNames(options.settings).map((name, index) =>
      PAGE_FACTORIES[name]({ ...context, invalidate: () => this.invalidateFromPage(index) }, screen),
    );
    this.view = initialView(this.pages.map((p) => p.title), options.startPage ?? 0);
    this.collector = new HeaderCollector({
      controller: options.controller,
      clock: options.clock,
      procFs: options.procFs,
      target: options.target,
      onChange: () => this.invalidate(),
      onNotice: (message) => {
        this.ownLog.add({ atMs: options.clock.nowMs(), level: 'NOTICE', message });
        options.onNotice?.(message);
      },
      ...(options.hostInfo === undefined ? {} : { host: options.hostInfo }),
    });
    this.bursts = trackKeyBursts(screen.program.input as unknown as Parameters<typeof trackKeyBursts>[0]);
    screen.on('keypress', (ch: unknown, key: { full?: string } | undefined) => {
      // blessed reports one Enter twice: 'return', then 'enter'. Act on 'enter' only, so a menu
      // choice made with Enter does not also reach the page underneath.
      if (key?.full === undefined || key.full === 'return') return;
      this.takeKey(key.full === 'linefeed' ? 'enter' : key.full, typeof ch === 'string' ? ch : undefined, this.bursts.current());
      this.drawAfterBurst();
    });
    screen.on('resize', () => this.renderNow());
  }

  /** Adds one of ortop's own messages to its log (shown by the log panel). */
  logOwn(level: OwnLevel, message: string): void {
    this.ownLog.add({ atMs: this.options.clock.nowMs(), level, message });
  }

  start(): void {
    this.unsubscribeState = this.options.controller.onState((s) => {
      if (s.kind === 'connected') this.logOwn('NOTICE', `attached to tor ${s.torVersion ?? ''} at ${s.address} (${s.authMethod})`);
      else if (s.kind === 'closed') this.logOwn('WARN', `tor control connection closed: ${s.reason.message}${s.retryInMs === undefined ? '' : `; retrying in ${Math.ceil(s.retryInMs / 1000)} s`}`);
      else if (s.kind === 'connect-failed') this.logOwn('NOTICE', `reconnect failed: ${s.error.message}${s.retryInMs === undefined ? '; not retrying (press r to reconnect)' : ''}`);
      else if (s.kind === 'unresponsive') this.logOwn('WARN', `tor is not answering: ${s.command} unanswered for ${Math.round((s.atMs - s.askedAtMs) / 1000)} s, nothing heard since ${formatClock(s.lastHeardAtMs)}; reconnecting at ${formatClock(s.dropAtMs)} unless it answers`);
      else if (s.kind === 'responsive') this.logOwn('NOTICE', 'tor is answering again');
      else this.logOwn('NOTICE', 'tor reloaded its configuration (SIGHUP)');
    });
    this.collector.start();
    // Pages start collecting right after the first frame: their first requests and backlogs
    // (history, log file, consensus, manual) must not hold up the header the user waits for.
    if (this.options.controller.state === 'connected') {
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
    this.unsubscribeState?.();
    this.collector.stop();
    if (this.pagesStarted) for (const page of this.pages) page.stop();
    this.renderTimer?.cancel();
    this.tickTimer?.cancel();
    this.firstFrameTimer?.cancel();
    this.retryTimer?.cancel();
    this.bursts.dispose();
  }

  get viewState(): ViewState {
    return this.view;
  }

  /** The page on screen (tests and the snapshot mode look at it). */
  get currentPage(): Page {
    return this.pages[this.view.page]!;
  }

  get headerFacts(): HeaderFacts {
    return this.collector.facts;
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
    return this.view.popup.kind === 'none' && this.pages[this.view.page]!.awaitsAnswer();
  }

  /** The one door every key goes through: Ctrl-Z, then the question gate (src/app/shell/question-gate.ts), then the page or the app. */
  private takeKey(key: string, ch: string | undefined, origin: KeyOrigin): void {
    if (this.stopped) return;
    if (key === 'C-z') {
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
    const page = this.pages[this.view.page]!;
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
    const page = this.pages[this.view.page]!;
    if (this.view.popup.kind === 'none' && page.capturesKeys()) {
      page.handleKey(key, ch);
      return;
    }
    const result = reduceGlobalKey(this.view, key, this.options.settings.confirmQuit);
    const wasPaused = this.view.paused;
    this.view = result.view;
    if (this.view.paused && !wasPaused) {
      this.frozenFacts = this.collector.facts;
      this.frozenAtMs = this.options.clock.nowMs();
    } else if (!this.view.paused) {
      this.frozenFacts = undefined;
      this.frozenAtMs = undefined;
    }
    for (const action of result.actions) this.run(action, ch);
  }

  /** Draws a frame soon, coalescing bursts of changes into one. */
  invalidate(): void {
    if (this.stopped || this.renderTimer !== undefined) return;
    const sinceLast = this.options.clock.nowMs() - this.lastFrameAtMs;
    // Leading edge: a change after a quiet spell is drawn at once (the first data frame at start-up
    // too); changes that follow within COALESCE_MS are folded into one later frame.
    this.renderTimer = this.options.clock.setTimer(() => {
      this.renderTimer = undefined;
      this.renderNow();
    }, sinceLast >= COALESCE_MS ? 0 : COALESCE_MS - sinceLast);
  }

  private invalidateFromPage(index: number): void {
    if (this.view?.page === index) this.invalidate();
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
    const facts = this.frozenFacts ?? this.collector.facts;
    const factsNow = this.frozenAtMs ?? now;
    const theme = this.options.theme;

    const statusRows = height >= 2 ? 1 : 0;
    const headerRows = Math.min(headerHeight(facts, width), Math.max(0, height - statusRows));
    setBox(this.header, 0, headerRows, width);
    drawHeader(this.header, selectHeaderLines(facts, factsNow, width, { unicode: this.options.unicode }).slice(0, headerRows), theme);

    const bodyRows = Math.max(0, height - headerRows - statusRows);
    const page = this.pages[this.view.page]!;
    this.pages.forEach((p) => p.setVisible(p === page));
    page.draw({ top: headerRows, width, height: bodyRows }, now);

    setBox(this.status, height - statusRows, statusRows, width);
    const prompt = this.view.popup.kind === 'confirm' ? this.view.popup.prompt : undefined;
    drawLine(
      this.status,
      selectStatusLine(
        { page: this.view.page + 1, pageCount: this.pages.length, paused: this.view.paused, menuOpen: this.view.popup.kind === 'menu', message: this.message, prompt },
        now,
        width,
      ),
      theme,
    );

    if (this.view.popup.kind === 'help') {
      const model = selectHelpPopup(
        { title: `Page ${this.view.page + 1} (${page.title}) commands`, pageKeys: page.keyHints(), globalKeys: GLOBAL_KEY_HINTS },
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
    if (!this.pagesStarted) {
      // The first frame goes to the terminal now, before the pages' start-up work runs.
      this.options.screen.program.flush();
      this.pagesStarted = true;
      for (const page of this.pages) page.start();
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

  /** Shows one of ortop's own messages on the status line for a while. */
  notify(text: string): void {
    this.say(text, 10_000);
  }

  private say(text: string, durationMs?: number): void {
    this.message = createStatusMessage(text, this.options.clock.nowMs(), durationMs === undefined ? {} : { durationMs });
    this.invalidate();
  }

  private run(action: AppAction, ch?: string): void {
    const c = this.options.controller;
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
      case 'page-key':
        this.pages[this.view.page]!.handleKey(action.key, ch);
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
