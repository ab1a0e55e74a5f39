// The contract between the app and each page (graph+log, connections, config, torrc, interpreter).
// A page is a view of one relay's session: it reads the session's model (collected from the moment
// ortop started, whether shown or not), draws into the body area when shown, and turns keys into
// commands it sends through the session's controller. Pages start nothing and own no resources.
import type blessed from 'blessed';
import type { KeyTable } from '../../../panels/key-table.js';
import type { KeyHint } from '../../../panels/panel.js';
import type { PageName, Settings } from '../../config/index.js';
import type { Clock } from '../../controller/index.js';
import type { Theme } from '../../terminal/index.js';
import type { ModelPart, RelaySession } from '../session/relay-session.js';

export interface PageContext {
  /** The relay this page shows. */
  readonly session: RelaySession;
  readonly clock: Clock;
  readonly settings: Settings;
  readonly theme: Theme;
  readonly unicode: boolean;
  /** True while the user has paused the view: draw the frozen model, keep collecting. */
  isPaused(): boolean;
  /** Asks for a redraw soon (coalesced by the app). */
  invalidate(): void;
  /** A transient message on the status line. */
  notify(text: string): void;
}

/** Which parts of the model a page draws: changes draw a frame at once, or ride along with the next one (at most 1 s later). */
export interface PageParts {
  readonly now: readonly ModelPart[];
  readonly soon: readonly ModelPart[];
}

/** A click or a wheel step inside the page's area, in cells from its top-left corner. */
export type PageMouse =
  | { readonly kind: 'click'; readonly row: number; readonly col: number }
  | { readonly kind: 'wheel'; readonly row: number; readonly col: number; readonly step: 1 | -1 };

/** What the app needs of anything it shows in the body area: a relay's page or the Relays overview. */
export interface View {
  readonly title: string;
  /** Keys of this page for the help popup, with current values. */
  keyHints(): readonly KeyHint[];
  /**
   * The page's key table in its current mode (panels/key-table.ts): keyHints, the status-line hint,
   * the page's menu and its dispatch all read it. Undefined while a modal state (text input, a
   * popup inside the page) takes every key.
   */
  keyTable?(): KeyTable | undefined;
  /** A mouse event inside the body area (row/col relative to it); true when the page used it. */
  handleMouse?(event: PageMouse): boolean;
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

/** One of a relay's five pages. */
export interface Page extends View {
  readonly name: PageName;
  /** The parts of the session's model this page shows. */
  readonly parts: PageParts;
  /** Called when one of those parts changed, before the frame that shows it (optional). */
  modelChanged?(part: ModelPart): void;
}

export type PageFactory = (context: PageContext, parent: blessed.Widgets.Node) => Page;
