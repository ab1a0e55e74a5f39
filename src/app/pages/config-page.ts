// Page 3: tor's configuration with the installed manual. Glue only: the collector keeps the data,
// panels/config selects and draws, and this file runs what the keys ask for (SETCONF, RESETCONF,
// SAVECONF [FORCE]) through the controller and reports tor's answers back to the view.
import type blessed from 'blessed';
import { actionOf, keyHintsOf, type KeyTable } from '../../../panels/key-table.js';
import type { KeyHint } from '../../../panels/panel.js';
import { createPanelBox, placePanelBox } from '../../../panels/panel-box.js';
import {
  drawConfigPage,
  initialConfigView,
  noteEditResult,
  noteSavePreview,
  noteSaveResult,
  reduceConfigKey,
  selectConfigPage,
  type ConfigCommand,
  type ConfigView,
} from '../../../panels/config/index.js';
import { createPopupBox } from '../../../panels/popups/popup-frame.js';
import { CONFIG_SORT_LABELS, filterConfigOptions, formatConfValues, isCredentialOption, sortConfigOptions, type ConfigOption } from '../../relay/config/index.js';
import { NOT_LOCAL_PROC_FS } from '../../system/index.js';
import { includeLines } from '../../relay/torrc/torrc-document.js';
import { LastAnswer } from '../../../panels/last-answer.js';
import type { ConfigCollector } from '../session/config-collector.js';
import { isLocalControlAddress } from '../session/torrc-collector.js';
import { learnTorOwner } from '../session/log-file-tail.js';
import { describeTorrcAfterFailedSave } from '../session/torrc-after-save.js';
import { loadTorrcDocument, torrcFsFor } from '../session/torrc-loader.js';
import type { Page, PageContext, PageFactory, PageMouse } from './page.js';

export class ConfigPage implements Page {
  readonly name = 'config' as const;
  readonly title = 'Configuration';
  readonly parts = { now: ['config'], soon: [] } as const;
  readonly collector: ConfigCollector;
  private view: ConfigView = initialConfigView();
  private readonly box: blessed.Widgets.BoxElement;
  private readonly popupBox: blessed.Widgets.BoxElement;
  private readonly listedRows = new LastAnswer<ConfigOption[]>();
  /** While paused: the collector's model as it was when the pause began (collecting goes on). */
  private frozen: Pick<ConfigCollector, 'options' | 'categories' | 'status' | 'manualStatus'> | undefined;
  private listTop = 0;

  constructor(
    private readonly context: PageContext,
    parent: blessed.Widgets.Node,
  ) {
    this.box = createPanelBox(parent);
    this.popupBox = createPopupBox(parent);
    this.collector = context.session.config;
  }

  get viewState(): ConfigView {
    return this.view;
  }

  /** In list mode; the modes (edit, search, sort, save, error) take every key. */
  keyTable(): KeyTable | undefined {
    return this.view.mode.kind === 'list' ? configKeyTable(this.view) : undefined;
  }

  keyHints(): readonly KeyHint[] {
    return keyHintsOf(configKeyTable(this.view));
  }

  setVisible(visible: boolean): void {
    if (visible) {
      this.context.session.watch('config');
      return;
    }
    this.box.hide();
    this.popupBox.hide();
  }

  /** Options as listed now: settings, all/important, search, then the sort. */
  rows(): ConfigOption[] {
    const s = this.context.settings;
    const shown = this.shown();
    const key = [shown.options, this.view.showAll, this.view.search, this.view.sort, shown.categories];
    return this.listedRows.get(key, () => {
      const filtered = filterConfigOptions(shown.options, { showAll: this.view.showAll, showPrivate: s.showPrivateOptions, showVirtual: s.showVirtualOptions, search: this.view.search });
      return sortConfigOptions(filtered, this.view.sort, shown.categories);
    });
  }

  /** What the page shows: the live model, or the one frozen by pause. */
  private shown(): Pick<ConfigCollector, 'options' | 'categories' | 'status' | 'manualStatus'> {
    return this.frozen ?? this.collector;
  }

  draw(area: { readonly top: number; readonly width: number; readonly height: number }): void {
    const c = this.collector;
    if (this.context.isPaused()) this.frozen ??= { options: c.options, categories: c.categories, status: c.status, manualStatus: c.manualStatus };
    else this.frozen = undefined;
    if (!placePanelBox(this.box, area)) {
      this.popupBox.hide();
      return;
    }
    const s = this.context.settings;
    const shown = this.shown();
    const total = shown.options.filter((o) => (s.showPrivateOptions || !o.isPrivate) && (s.showVirtualOptions || !o.isVirtual)).length;
    const rows = this.rows();
    const selection = selectConfigPage({ status: shown.status, rows, total, manual: shown.manualStatus }, this.view, area.width, area.height, { unicode: this.context.unicode });
    // The selection stays unset until a key moves it: the first row is selected, whatever order the rows arrive in.
    this.view = { ...this.view, scroll: selection.scroll, pageRows: Math.max(1, selection.listRows) };
    this.listTop = selection.listTop ?? 0;
    const popup = selection.popup === undefined ? undefined : { ...selection.popup, top: selection.popup.top + area.top };
    drawConfigPage(this.box, this.popupBox, selection.lines, popup, this.context.theme);
  }

  capturesKeys(): boolean {
    return this.view.mode.kind !== 'list';
  }

  /** A click on an option selects it; on the selected one, edits it (as Enter). */
  handleMouse(event: PageMouse): boolean {
    if (event.kind !== 'click' || this.view.mode.kind !== 'list') return false;
    const at = this.view.scroll + event.row - this.listTop;
    const rows = this.rows();
    if (event.row < this.listTop || event.row >= this.listTop + this.view.pageRows || at < 0 || at >= rows.length) return false;
    const option = rows[at]!;
    if (option.name === (rows.find((r) => r.name === this.view.selected) ?? rows[0])?.name) return this.handleKey('enter', undefined);
    this.view = { ...this.view, selected: option.name };
    this.context.invalidate();
    return true;
  }

  awaitsAnswer(): boolean {
    const mode = this.view.mode;
    return mode.kind === 'save' && (mode.stage === 'confirm' || mode.stage === 'force');
  }

  handleKey(key: string, ch: string | undefined): boolean {
    // In list mode a key does something only when the table binds it (panels/config reduces it).
    if (this.view.mode.kind === 'list' && actionOf(configKeyTable(this.view), key) === undefined) return false;
    // Typing a search changes the filter on every key: the rows are filtered once per frame, not per key.
    const result = reduceConfigKey(this.view, key, ch, this.view.mode.kind === 'search' ? [] : this.rows());
    this.view = result.view;
    if (result.message !== undefined) this.context.notify(result.message);
    for (const command of result.commands) this.run(command);
    this.context.invalidate();
    return result.used;
  }

  private run(command: ConfigCommand): void {
    const c = this.context.session.controller;
    switch (command.kind) {
      case 'apply': {
        const plan = command.plan;
        const done =
          plan.kind === 'reset'
            ? c.resetConf(plan.name)
            : c.setConf([[plan.name, plan.values.length === 1 ? plan.values[0]! : plan.values]]);
        done.then(
          () => {
            this.view = noteEditResult(this.view, plan.name, undefined);
            const option = this.collector.options.find((o) => o.name === plan.name);
            this.context.notify(plan.kind === 'reset' ? `${plan.name} reset to its default` : isCredentialOption(plan.name) ? `${plan.name} set (the value is not shown: a secret option)` : `${plan.name} set to ${formatConfValues(option?.type ?? 'String', plan.values)}`);
            void this.collector.refreshValues();
            this.context.invalidate();
          },
          (error: unknown) => {
            this.view = noteEditResult(this.view, plan.name, errorText(error));
            this.context.invalidate();
          },
        );
        return;
      }
      case 'load-save-preview':
        c.getInfo(['config-text', 'config-file']).then(
          async (info) => {
            const file = info.get('config-file') ?? '';
            const includes = await this.findIncludes(file);
            this.view = noteSavePreview(this.view, { text: info.get('config-text') ?? '', file, includes });
            this.context.invalidate();
          },
          (error: unknown) => {
            this.view = noteSavePreview(this.view, { error: errorText(error) });
            this.context.invalidate();
          },
        );
        return;
      case 'save':
        c.saveConf({ force: command.force }).then(
          () => {
            const file = this.view.mode.kind === 'save' ? this.view.mode.file : '';
            this.view = noteSaveResult(this.view, { kind: 'saved' });
            this.context.notify(`Configuration saved to ${file === '' ? "tor's torrc" : file}${command.force ? ' (FORCE)' : ''}`);
            this.context.invalidate();
          },
          async (error: unknown) => {
            const kind = typeof error === 'object' && error !== null ? (error as { kind?: unknown }).kind : undefined;
            if (kind === 'saveconf-needs-force') this.view = noteSaveResult(this.view, { kind: 'needs-force', reason: 'Unable to write configuration to disk.' });
            else {
              // tor's answer says only that it failed; what it left on disk says what happened (page 4 reads the torrc again by itself).
              const file = this.view.mode.kind === 'save' ? this.view.mode.file : '';
              const after = kind === 'saveconf-failed' ? await describeTorrcAfterFailedSave(file, await learnTorOwner(c, this.context.session.procFs)).catch(() => '') : '';
              this.view = noteSaveResult(this.view, { kind: 'failed', error: [error instanceof Error ? error.message : errorText(error), after].filter((t) => t !== '').join('. ') });
            }
            this.context.invalidate();
          },
        );
        return;
    }
  }

  /** %include targets of the torrc, if ortop can read it (tor itself forgets them after a SETCONF). */
  private async findIncludes(file: string): Promise<string[]> {
    if (file === '' || this.context.session.procFs === NOT_LOCAL_PROC_FS || !isLocalControlAddress(this.context.session.controller.address)) return [];
    const c = this.context.session.controller;
    const doc = await loadTorrcDocument(file, torrcFsFor(await learnTorOwner(c, this.context.session.procFs))).catch(() => undefined);
    return doc === undefined ? [] : includeLines(doc).map((p) => p.entry.value);
  }
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const reply = error as Error & { code?: unknown; replyText?: unknown };
    if (typeof reply.code === 'number' && typeof reply.replyText === 'string') return `${reply.code} ${reply.replyText}`;
    return error.message;
  }
  return String(error);
}

export type ConfigAction = 'move' | 'edit' | 'all' | 'sort' | 'search' | 'clear-search' | 'save';

/** Page 3's keys in list mode: help, the status-line hint, the Configuration menu and dispatch read these rows. */
export function configKeyTable(view: ConfigView): KeyTable<ConfigAction> {
  return [
    { keys: 'Up/Down (j/k), PgUp/PgDn (Space), Home/End', bound: ['up', 'k', 'down', 'j', 'pageup', 'pagedown', 'space', 'home', 'end'], description: 'select an option', action: 'move', menu: false },
    { keys: 'Enter', bound: ['enter', 'linefeed'], description: 'edit the value (empty: reset to default)', action: 'edit', hint: true },
    { keys: 'a', bound: ['a'], description: 'all options / important ones', current: view.showAll ? 'all' : 'important', action: 'all', hint: true },
    { keys: 's', bound: ['s'], description: 'sort', current: view.sort.map((k) => CONFIG_SORT_LABELS[k]).join(', '), action: 'sort', hint: true },
    { keys: '/', bound: ['/'], description: 'search', ...(view.search === '' ? {} : { current: view.search }), action: 'search', hint: true },
    { keys: 'Esc', bound: ['escape'], description: 'clear the search', action: 'clear-search' },
    { keys: 'w', bound: ['w'], description: 'save the configuration to the torrc (SAVECONF)', action: 'save' },
  ];
}

export function createConfigPage(): PageFactory {
  return (context, parent) => new ConfigPage(context, parent);
}
