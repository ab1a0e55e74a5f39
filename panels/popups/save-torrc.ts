// The "save configuration" popup: the torrc tor would write (GETINFO config-text), syntax
// coloured and scrollable, with the question below it; and, when tor refuses because the torrc
// uses %include, what SAVECONF FORCE would do. Pure select; the page runs SAVECONF.
import { parseTorrc } from '../../src/relay/torrc/parse-torrc.js';
import { seg, type Line } from '../../src/terminal/theme.js';
import { maskSecretTorrcLines } from '../torrc/mask-secrets.js';
import { colorTorrcLine } from '../torrc/torrc-syntax.js';
import { wrapText } from '../config/wrap-text.js';
import { fitPopup, type PopupArea, type PopupModel } from './popup-frame.js';

export interface SaveTorrcInput {
  readonly stage: 'loading' | 'confirm' | 'saving' | 'force';
  /** config-text: what SAVECONF writes. */
  readonly text: string;
  /** config-file: where it goes. */
  readonly file: string;
  readonly scroll: number;
  /** tor's answer when it refused without FORCE. */
  readonly reason?: string;
  /** %include lines in the torrc, when ortop could read it. */
  readonly includes?: readonly string[];
}

const MAX_WIDTH = 100;

function questionLines(input: SaveTorrcInput, inner: number): Line[] {
  const file = input.file === '' ? "tor's torrc" : input.file;
  switch (input.stage) {
    case 'loading':
      return [[seg('Asking tor for the configuration it would save…', { fg: 'yellow' })]];
    case 'saving':
      return [[seg(`Saving to ${file}…`, { fg: 'yellow' })]];
    case 'confirm': {
      const includes = input.includes ?? [];
      const warning =
        includes.length === 0
          ? []
          : wrapText(
              `Your torrc uses %include (${includes.join(', ')}). Saving writes ONE flat ${file} with every option above; ` +
                'the %include lines are dropped and the included files are no longer read (tor 0.4.9 does this without FORCE once any option was changed).',
              inner,
            ).map((t): Line => [seg(t, { fg: 'yellow' })]);
      return [...warning, [seg(`Write this to ${file} (SAVECONF)? `, { bold: true }), seg('y: save, n/esc: cancel')]];
    }
    case 'force': {
      const why =
        `tor refused: ${input.reason ?? 'Unable to write configuration to disk.'} Your torrc uses %include. ` +
        `SAVECONF FORCE replaces ${file} with ONE flat file holding every option shown above: its %include lines ` +
        'are dropped and the included files are no longer read. tor keeps the old file as a .orig copy.';
      return [
        ...wrapText(why, inner).map((t): Line => [seg(t, { fg: 'yellow' })]),
        [seg('Save anyway with FORCE? ', { bold: true }), seg('y: SAVECONF FORCE, n/esc: cancel')],
      ];
    }
  }
}

export function selectSaveTorrcPopup(input: SaveTorrcInput, area: PopupArea): PopupModel | undefined {
  const width = Math.min(Math.floor(area.width), MAX_WIDTH);
  const inner = Math.max(1, width - 2);
  const bottom = questionLines(input, inner);
  const body: Line[] = [];
  if (input.stage !== 'loading') {
    const parsed = parseTorrc(input.text);
    const numberWidth = String(parsed.lines.length).length;
    for (const line of maskSecretTorrcLines(parsed.lines)) body.push([seg(`${String(line.lineNo).padStart(numberWidth)} `, { fg: 'yellow' }), ...colorTorrcLine(line)]);
    if (body.length === 0) body.push([seg('(tor would write an empty torrc: every option is at its default)', { fg: 'gray' })]);
  }
  const room = Math.max(0, Math.floor(area.height) - 2 - bottom.length - 1);
  const start = Math.min(Math.max(0, input.scroll), Math.max(0, body.length - room));
  const shown = body.slice(start, start + room);
  const more = body.length > room ? [[seg(`lines ${start + 1}-${start + shown.length} of ${body.length} (up/down to scroll)`, { fg: 'gray' })]] : [[]];
  const lines: Line[] = [...shown, ...(input.stage === 'loading' ? [] : more), ...bottom];
  const left = area.left + Math.max(0, Math.floor((Math.floor(area.width) - width) / 2));
  return fitPopup({ ...area, left }, 'Save configuration', lines, MAX_WIDTH, bottom.length);
}
