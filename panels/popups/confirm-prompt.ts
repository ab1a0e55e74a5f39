// Yes/no confirmation for actions that cannot be undone (quit, reload tor, clear the log, replace a file): a
// one-line prompt shown on the status line, and the decision from the next key. Pure: the app
// runs the action. Keys are blessed key names (key.full): 'y', 'S-y', 'q', 'escape'…
import { seg, truncateLine, type Line } from '../../src/terminal/theme.js';
import { truncateToWidth } from '../../src/terminal/width.js';

export type ConfirmAction = 'quit' | 'reload' | 'clear-log' | 'replace-file';

export interface ConfirmPrompt {
  readonly kind: 'confirm';
  readonly action: ConfirmAction;
  readonly question: string;
  /** The key that asked; pressing it again also confirms (as Nyx's "q again to confirm"). */
  readonly key: string;
}

const PROMPTS: Record<ConfirmAction, { question: string; key: string }> = {
  quit: { question: 'Quit ortop?', key: 'q' },
  reload: { question: "Reload tor's configuration (SIGHUP)? This resets tor's internal state.", key: 'x' },
  'clear-log': { question: 'Clear the log?', key: 'c' },
  'replace-file': { question: 'Replace the existing file?', key: 'y' },
};

/** `question` overrides the action's own (e.g. to name the file to replace). */
export function createConfirmPrompt(action: ConfirmAction, question?: string): ConfirmPrompt {
  return { kind: 'confirm', action, ...PROMPTS[action], ...(question === undefined ? {} : { question }) };
}

export interface ConfirmResult {
  readonly confirmed: boolean;
}

/** Any key ends the prompt: 'y' or the asking key again confirms, anything else (n, Esc…) cancels. */
export function reduceConfirm(prompt: ConfirmPrompt, key: string): ConfirmResult {
  const k = key.startsWith('S-') ? key.slice(2) : key.toLowerCase();
  return { confirmed: k === 'y' || k === prompt.key };
}

const ANSWERS = ' (y/n)';

/** "Quit ortop? (y/n)", question in bold; when tight the question is cut, not the answers. */
export function selectConfirmLine(prompt: ConfirmPrompt, width: number): Line {
  const w = Math.max(0, Math.floor(width));
  if (w <= ANSWERS.length) return truncateLine([seg(prompt.question, { bold: true })], w);
  return [seg(truncateToWidth(prompt.question, w - ANSWERS.length), { bold: true }), seg(ANSWERS)];
}
