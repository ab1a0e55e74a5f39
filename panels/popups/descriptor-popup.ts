// The descriptor popup (d on the connections page): the selected relay's consensus entry, server
// descriptor and microdescriptor as tor gave them (as Nyx shows them), scrollable, sanitised line by line. Pure select; drawn with drawPopup.
// Must not fetch anything: the page passes what it has (or "loading").
import type { RelayDetails } from '../../src/relay/connections/relay-details.js';
import { sanitizeLine } from '../../src/terminal/sanitize.js';
import { seg, type Line } from '../../src/terminal/theme.js';
import { fitPopup, type PopupArea, type PopupModel } from './popup-frame.js';

export const DESCRIPTOR_POPUP_HINT = 'Up/Down scroll, Left/Right other connections, Esc close';

/** Every content line of the popup (before scrolling). */
export function descriptorLines(details: RelayDetails | undefined, fingerprint: string | undefined): Line[] {
  if (fingerprint === undefined) return [[seg('The selection is not a relay.')]];
  if (details === undefined || details.kind === 'loading') return [[seg(`Asking tor about ${fingerprint}…`, { fg: 'gray' })]];
  const out: Line[] = [[seg(`Consensus entry (GETINFO ns/id/${fingerprint}):`, { bold: true })]];
  const body = (text: string) => text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n').map((l) => [seg(sanitizeLine(l))] as Line);
  if (details.statusText === undefined || details.statusText.trim() === '') out.push([seg('No consensus data found.', { fg: 'gray' })]);
  else out.push(...body(details.statusText));
  out.push([], [seg(`Server descriptor (GETINFO desc/id/${fingerprint}):`, { bold: true })]);
  if (details.descriptorText === undefined) out.push([seg(sanitizeLine(details.descriptorNote ?? 'Not available.'), { fg: 'gray' })]);
  else out.push(...body(details.descriptorText));
  out.push([], [seg(`Microdescriptor (GETINFO md/id/${fingerprint}):`, { bold: true })]);
  if (details.microdescriptorText === undefined) out.push([seg(sanitizeLine(details.microdescriptorNote ?? 'Not available.'), { fg: 'gray' })]);
  else out.push(...body(details.microdescriptorText));
  return out;
}

/** The popup at `scroll` (clamped); the last row always shows the key hint. */
export function selectDescriptorPopup(
  details: RelayDetails | undefined,
  fingerprint: string | undefined,
  title: string,
  scroll: number,
  area: PopupArea,
): { model: PopupModel | undefined; scroll: number } {
  const all = descriptorLines(details, fingerprint);
  const room = Math.max(1, Math.floor(area.height) - 3);
  const top = Math.max(0, Math.min(scroll, all.length - room));
  const shown = [...all.slice(top, top + room), [seg(DESCRIPTOR_POPUP_HINT, { fg: 'cyan' })] as Line];
  return { model: fitPopup(area, title, shown, area.width, 1), scroll: top };
}
