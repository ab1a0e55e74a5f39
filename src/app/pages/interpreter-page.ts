// Page 5: the control interpreter. Glue only: InterpreterRunner sends commands and keeps the
// transcript, history and recent events; panels/interpreter selects and draws. Enter starts the
// input line (it then takes every key), Esc or a blank line leaves it.
import type blessed from 'blessed';
import { actionOf, keyHintsOf, type KeyTable } from '../../../panels/key-table.js';
import type { KeyHint } from '../../../panels/panel.js';
import { createPanelBox, placePanelBox } from '../../../panels/panel-box.js';
import {
  askConfirmation,
  commandInput,
  drawInterpreterPage,
  initialInterpreterView,
  reduceInterpreterKey,
  selectInterpreterPage,
  type InterpreterView,
} from '../../../panels/interpreter/index.js';
import type { InterpreterRunner } from '../session/interpreter-runner.js';
import type { Page, PageContext, PageFactory } from './page.js';

export class InterpreterPage implements Page {
  readonly name = 'interpreter' as const;
  readonly title = 'Interpreter';
  readonly parts = { now: ['interpreter'], soon: [] } as const;
  readonly runner: InterpreterRunner;
  private view: InterpreterView = initialInterpreterView();
  private readonly box: blessed.Widgets.BoxElement;

  constructor(
    private readonly context: PageContext,
    parent: blessed.Widgets.Node,
  ) {
    this.box = createPanelBox(parent);
    this.runner = context.session.interpreter;
  }

  get viewState(): InterpreterView {
    return this.view;
  }

  /** While idle; the input line (and its yes/no question) takes every key. */
  keyTable(): KeyTable | undefined {
    return this.view.mode.kind === 'idle' ? INTERPRETER_KEY_TABLE : undefined;
  }

  keyHints(): readonly KeyHint[] {
    return keyHintsOf(INTERPRETER_KEY_TABLE);
  }

  setVisible(visible: boolean): void {
    if (visible) this.context.session.watch('interpreter');
    else this.box.hide();
  }

  draw(area: { readonly top: number; readonly width: number; readonly height: number }): void {
    if (!placePanelBox(this.box, area)) return;
    const selection = selectInterpreterPage(this.runner.transcript, this.view, area.width, area.height);
    this.view = { ...this.view, scrollBack: selection.scrollBack, pageRows: Math.max(1, selection.pageRows) };
    drawInterpreterPage(this.box, selection.lines, this.context.theme);
  }

  capturesKeys(): boolean {
    return this.view.mode.kind !== 'idle';
  }

  awaitsAnswer(): boolean {
    return this.view.mode.kind === 'confirm';
  }

  noteDiscardedKeys(count: number): void {
    this.runner.noteDiscarded(count);
  }

  handleKey(key: string, ch: string | undefined): boolean {
    if (this.view.mode.kind === 'idle' && actionOf(INTERPRETER_KEY_TABLE, key) === undefined) return false;
    const result = reduceInterpreterKey(this.view, key, ch, this.runner.history, this.runner.vocabulary);
    this.view = result.view;
    for (const command of result.commands) {
      if (command.kind === 'confirmed' || command.kind === 'declined') {
        this.runner.answer(command.line, command.kind === 'confirmed');
        continue;
      }
      const outcome = this.runner.run(command.text);
      if (outcome.kind === 'leave') this.view = { ...this.view, mode: { kind: 'idle' } };
      else if (outcome.kind === 'confirm') this.view = askConfirmation(this.view, outcome.line, outcome.reason);
      else if (this.view.mode.kind === 'input') this.view = { ...this.view, mode: { kind: 'input', input: commandInput(this.runner.history) } };
    }
    this.context.invalidate();
    return result.used;
  }

  /** History arrived (or a command ran): an empty input line shows the newest history again. */
  modelChanged(): void {
    if (this.view.mode.kind === 'input' && this.view.mode.input.text === '' && this.view.mode.input.historyIndex === undefined) {
      this.view = { ...this.view, mode: { kind: 'input', input: commandInput(this.runner.history) } };
    }
  }
}

export type InterpreterAction = 'type' | 'scroll';

/**
 * Page 5's keys while idle: help, the status-line hint, the Interpreter menu and dispatch read these
 * rows (panels/interpreter reduces them). Tab and the history work on the input line; pause leaves
 * this page live, since what it shows is the user's own commands and tor's answers.
 */
export const INTERPRETER_KEY_TABLE: KeyTable<InterpreterAction> = [
  { keys: 'Enter', bound: ['enter', 'linefeed'], description: 'type a command (Esc or a blank line stops)', action: 'type', hint: true },
  { keys: 'Up/Down, PgUp/PgDn', bound: ['up', 'down', 'pageup', 'pagedown'], description: 'scroll the output', action: 'scroll', menu: false },
  { keys: 'Tab', bound: [], description: 'complete commands, GETINFO keys, options, events, signals' },
  { keys: 'Up/Down', bound: [], description: 'while typing: command history (kept without secrets)' },
  { keys: '/help', bound: [], description: 'interpreter and tor commands' },
  { keys: 'p', bound: [], description: 'pause does not stop this page: it shows your commands as they run' },
];

export function createInterpreterPage(): PageFactory {
  return (context, parent) => new InterpreterPage(context, parent);
}
