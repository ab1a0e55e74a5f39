// The config page as lines: a title, the detail box of the selected option (manual text wrapped
// to the width), the option rows (name, prettified value, a summary that fits whole; bold when
// set, coloured by category) and the prompt or tor's refusal at the bottom; plus the sort/save
// popups. Pure.
import { categoryColor, formatConfValues, isCredentialOption, isLineListType, type ConfigOption } from '../../src/relay/config/index.js';
import { seg, truncateLine, type Line, type Segment, type Style } from '../../src/terminal/theme.js';
import { sanitizeLine } from '../../src/terminal/sanitize.js';
import { displayWidth, padToWidth } from '../../src/terminal/width.js';
import type { PopupArea, PopupModel } from '../popups/popup-frame.js';
import { selectSaveTorrcPopup } from '../popups/save-torrc.js';
import { selectTextInputLine } from '../popups/text-input.js';
import type { ConfigView } from './config-view.js';
import { selectSortPopup } from './sort-popup.js';
import { summaryAtWidth } from './option-summary.js';
import { wrapText } from './wrap-text.js';

export type ManualStatus =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly path: string }
  | { readonly kind: 'missing'; readonly reason: string; readonly searched: readonly string[] };

export interface ConfigPageModel {
  /** 'loading' until config/names etc. arrived; 'error' says why they could not be read. */
  readonly status: { readonly kind: 'loading' } | { readonly kind: 'ready' } | { readonly kind: 'error'; readonly message: string };
  /** Options as listed (filtered and sorted). */
  readonly rows: readonly ConfigOption[];
  /** Options tor has, after the private/virtual settings. */
  readonly total: number;
  readonly manual: ManualStatus;
}

export interface ConfigSelection {
  readonly lines: Line[];
  /** The scroll offset used (keeps the selection visible). */
  readonly scroll: number;
  /** List rows on screen (for page-up/down). */
  readonly listRows: number;
  readonly popup: PopupModel | undefined;
  /** The row the list starts on (mouse clicks). */
  readonly listTop?: number;
}

const NAME_WIDTH = 25;
const MIN_VALUE_WIDTH = 15;

interface Box {
  readonly tl: string;
  readonly tr: string;
  readonly bl: string;
  readonly br: string;
  readonly h: string;
  readonly v: string;
}
const UNICODE_BOX: Box = { tl: '┌', tr: '┐', bl: '└', br: '┘', h: '─', v: '│' };
const ASCII_BOX: Box = { tl: '+', tr: '+', bl: '+', br: '+', h: '-', v: '|' };

function titleLine(model: ConfigPageModel, view: ConfigView, width: number): Line {
  const which = view.search !== '' ? `${model.rows.length} matching "${view.search}" (esc clears)` : view.showAll ? `all ${model.rows.length} options (a: important only)` : `${model.rows.length} important of ${model.total} options (a: show all)`;
  return truncateLine([seg('Tor configuration', { bold: true }), seg(` - ${which}, s: sort, /: search, w: save`)], width);
}

function manualNote(model: ConfigPageModel, option: ConfigOption): string {
  switch (model.manual.kind) {
    case 'loading':
      return "Reading tor's manual…";
    case 'missing':
      return `No description: ${model.manual.reason}. ortop takes descriptions from the tor(1) man page of this machine (looked in ${model.manual.searched.slice(0, 2).join(', ')}${model.manual.searched.length > 2 ? ', …' : ''}); install tor's manual page to see them.`;
    case 'loaded':
      return `${option.name} is not described in the installed tor manual (${model.manual.path}).`;
  }
}

/** The value as shown: prettified, and already safe so widths are measured on what is drawn. */
function valueText(option: ConfigOption): string {
  if (option.isVirtual) return '<group>';
  if (!option.valueKnown) return '?';
  if (isCredentialOption(option.name) && option.values.length > 0) return '<set, hidden>';
  return sanitizeLine(formatConfValues(option.type, option.values));
}

function detailLines(model: ConfigPageModel, option: ConfigOption, width: number, height: number, box: Box): Line[] {
  const inner = Math.max(1, width - 2);
  const color = categoryColor(option.manual?.category);
  const title = ` ${option.name} (${option.manual?.category ?? 'Unknown'} Option) `;
  const top: Line = [seg(box.tl + box.h), seg(title, { fg: color, bold: true }), seg(box.h.repeat(Math.max(0, width - 3 - displayWidth(title))) + box.tr)];
  const usage = option.manual?.usage ?? '';
  const facts = [option.isSet ? 'custom' : 'default', option.type];
  if (option.isSet && option.defaults.length > 0) facts.push(`default: ${isCredentialOption(option.name) ? '<set, hidden>' : formatConfValues(option.type, option.defaults)}`);
  if (usage !== '') facts.push(`usage: ${sanitizeLine(usage)}`);
  const body: Line[] = wrapText(`Value: ${valueText(option)} (${facts.join(', ')})`, inner, 0, 2).map((t) => [seg(t, { bold: true })]);
  if (option.manual === undefined) body.push(...wrapText(manualNote(model, option), inner).map((t): Line => [seg(t, { fg: 'gray' })]));
  else {
    for (const p of option.manual.description) {
      const indent = Math.min(p.indent * 2, Math.floor(inner / 3));
      if (p.preformatted === true) for (const l of p.text.split('\n')) body.push([seg(`${' '.repeat(indent + 2)}${sanitizeLine(l)}`, { fg: 'gray' })]);
      else for (const l of wrapText(sanitizeLine(p.text), inner, indent)) body.push([seg(l)]);
    }
  }
  const rows = body.slice(0, Math.max(0, height - 2)).map((l): Line => {
    const cut = truncateLine(l, inner);
    const pad = inner - cut.reduce((n, s) => n + displayWidth(s.text), 0);
    return [seg(box.v), ...cut, seg(' '.repeat(Math.max(0, pad)) + box.v)];
  });
  const bottom: Line = [seg(box.bl + box.h.repeat(Math.max(0, width - 2)) + box.br)];
  return [top, ...rows, bottom].map((l) => truncateLine(l, width));
}

function optionRow(option: ConfigOption, width: number, valueWidth: number, selected: boolean): Line {
  const style: Style = { fg: categoryColor(option.manual?.category), ...(option.isSet ? { bold: true } : {}), ...(selected ? { inverse: true } : {}) };
  const nameWidth = Math.min(NAME_WIDTH, Math.max(1, Math.floor(width / 2)));
  const name = padToWidth(option.name, nameWidth);
  if (width <= nameWidth + 1) return truncateLine([seg(name, style)], width);
  const vw = Math.min(valueWidth, width - nameWidth - 1);
  const value = padToWidth(valueText(option), vw);
  const rest = width - nameWidth - 1 - vw - 1;
  const segments: Segment[] = [seg(`${name} ${value}`, style)];
  if (rest > 0) segments.push(seg(` ${padToWidth(summaryAtWidth(option.name, option.manual?.summary, rest), rest)}`, style));
  return truncateLine(segments, width);
}

function bottomLines(view: ConfigView, rows: readonly ConfigOption[], width: number): Line[] {
  const mode = view.mode;
  if (mode.kind === 'edit') {
    if (mode.pending) return [[seg(`Asking tor to change ${mode.name}…`, { fg: 'yellow' })]];
    const option = rows.find((o) => o.name === mode.name);
    const lines = option !== undefined && isLineListType(option.type) ? ', "; " between lines' : '';
    return [selectTextInputLine(mode.input, `${mode.name} (esc: cancel, empty: reset to default${lines}): `, width)];
  }
  if (mode.kind === 'search') return [selectTextInputLine(mode.input, 'Search options: ', width)];
  if (mode.kind === 'confirm-edit') {
    const reason = wrapText(sanitizeLine(mode.reason), width).map((t): Line => [seg(t, { fg: 'yellow', bold: true })]);
    return [...reason.slice(0, 4), [seg(`Change ${mode.name}? (y: yes, any other key: no)`, { bold: true })]];
  }
  if (mode.kind === 'error') {
    const title = wrapText(mode.title, width).map((t): Line => [seg(t, { fg: 'red', bold: true })]);
    const text = wrapText(mode.text, width, 2).map((t): Line => [seg(t, { fg: 'red' })]);
    return [...title, ...text.slice(0, 4), [seg('press any key', { fg: 'gray' })]];
  }
  return [];
}

export function selectConfigPage(model: ConfigPageModel, view: ConfigView, width: number, height: number, options: { unicode: boolean }): ConfigSelection {
  const w = Math.max(0, Math.floor(width));
  const h = Math.max(0, Math.floor(height));
  const area: PopupArea = { top: 0, left: 0, width: w, height: h };
  const popup = view.mode.kind === 'sort' ? selectSortPopup(view.sort, view.mode.cursor, view.mode.picked, area) : view.mode.kind === 'save' ? selectSaveTorrcPopup(view.mode, area) : undefined;
  if (w === 0 || h === 0) return { lines: [], scroll: 0, listRows: 0, popup };
  const lines: Line[] = [titleLine(model, view, w)];
  if (model.status.kind !== 'ready') {
    const text = model.status.kind === 'loading' ? "Reading tor's options (config/names, config/defaults, config-text)…" : `Could not read tor's options: ${model.status.message}`;
    lines.push(...wrapText(text, w).map((t): Line => [seg(t, { fg: model.status.kind === 'loading' ? 'yellow' : 'red' })]));
    return { lines: lines.slice(0, h), scroll: 0, listRows: 0, popup };
  }
  const bottom = bottomLines(view, model.rows, w).slice(0, Math.max(0, h - 2));
  const selectedIndex = Math.max(0, model.rows.findIndex((r) => r.name === view.selected));
  const selected = model.rows[selectedIndex];
  const detailHeight = selected === undefined ? 0 : h >= 24 ? 10 : h >= 13 ? 7 : 0;
  const box = options.unicode ? UNICODE_BOX : ASCII_BOX;
  if (detailHeight > 0 && selected !== undefined) lines.push(...detailLines(model, selected, w, detailHeight, box));
  const listRows = Math.max(0, h - lines.length - bottom.length);
  const listTop = lines.length;
  if (model.rows.length === 0) {
    lines.push([seg(view.search !== '' ? `No option matches "${view.search}".` : 'No options to show.', { fg: 'gray' })]);
  }
  let scroll = Math.min(Math.max(0, view.scroll), Math.max(0, model.rows.length - listRows));
  if (selectedIndex < scroll) scroll = selectedIndex;
  if (listRows > 0 && selectedIndex >= scroll + listRows) scroll = selectedIndex - listRows + 1;
  const visible = model.rows.slice(scroll, scroll + listRows);
  const longest = visible.reduce((n, o) => Math.max(n, displayWidth(valueText(o))), 0);
  const valueWidth = Math.max(MIN_VALUE_WIDTH, Math.min(longest, Math.floor((w - NAME_WIDTH) / 2)));
  for (const option of visible) lines.push(optionRow(option, w, valueWidth, option === selected));
  while (lines.length < h - bottom.length) lines.push([]);
  lines.push(...bottom);
  return { lines: lines.slice(0, h), scroll, listRows, popup, listTop };
}
