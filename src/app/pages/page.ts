// The contract between the app and each page (graph+log, connections, config, torrc, interpreter).
// A page collects its data from the moment the app starts (history is kept while it is hidden),
// draws into the body area when shown, and takes keys. Pages send tor commands only through the
// context's controller wrappers the app gives them; they own no process-level resources.
import type blessed from 'blessed';
import type { KeyHint } from '../../../panels/panel.js';
import type { PageName, Settings } from '../../config/index.js';
import type { Clock, Controller } from '../../controller/index.js';
import type { HeaderFacts } from '../../relay/index.js';
import type { ProcFs } from '../../system/index.js';
import type { Theme } from '../../terminal/index.js';
import type { OwnLevel, OwnLog } from '../session/own-log.js';

export interface PageContext {
  readonly controller: Controller;
  readonly clock: Clock;
  readonly settings: Settings;
  readonly theme: Theme;
  readonly unicode: boolean;
  readonly procFs: ProcFs;
  /** The header's facts as last collected (live, not frozen by pause). */
  headerFacts(): HeaderFacts;
  /** True while the user has paused the view: draw the frozen model, keep collecting. */
  isPaused(): boolean;
  /** Asks for a redraw soon (coalesced by the app). */
  invalidate(): void;
  /** A transient message on the status line. */
  notify(text: string): void;
  /** One of ortop's own log messages (ORTOP_* runlevels), for the log panel and the debug log. */
  log(level: OwnLevel, message: string): void;
  /** ortop's own messages so far and from now on (the log panel subscribes). */
  readonly ownLog: OwnLog;
  /**
   * Inbound/outbound OR connection counts from the connections model (for the graph's
   * connections stat); undefined until a page provides them (see provideConnectionCounts).
   */
  connectionCounts(): { readonly inbound: number; readonly outbound: number } | undefined;
  /** The connections page registers its counter here. */
  provideConnectionCounts(counter: () => { readonly inbound: number; readonly outbound: number } | undefined): void;
}

export interface Page {
  readonly name: PageName;
  readonly title: string;
  /** Keys of this page for the help popup, with current values. */
  keyHints(): readonly KeyHint[];
  /** Called once when the app starts: subscribe, start collecting. */
  start(): void;
  stop(): void;
  /** Shown/hidden as the user switches pages (the body area is shared). */
  setVisible(visible: boolean): void;
  /** Lays out and draws into the body area (top, height given by the app). */
  draw(area: { readonly top: number; readonly width: number; readonly height: number }, nowMs: number): void;
  /** True when the page is in a modal state (text input, popup) and wants every key first. */
  capturesKeys(): boolean;
  /** Returns true when the key was used. */
  handleKey(key: string, ch: string | undefined): boolean;
  /**
   * True while the page asks a yes/no question (close a circuit, clear the log, save, send a
   * dangerous command). The app then lets only a key pressed on its own, after the question was
   * drawn, answer it: keys pasted or typed ahead with the question are discarded, never an answer.
   * Every page state that asks one must say so here.
   */
  awaitsAnswer(): boolean;
  /** Keys were discarded at the page's question (the interpreter notes it in its transcript). */
  noteDiscardedKeys?(count: number): void;
}

export type PageFactory = (context: PageContext, parent: blessed.Widgets.Node) => Page;
