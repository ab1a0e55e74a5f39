// Asks a question on the running screen's bottom line, e.g. the control password when tor wants it
// again after a reconnect. censor: true shows '*' for each character, never the text (Nyx echoed it).
import type blessed from 'blessed';
import blessedLite from '../terminal/blessed-lite.js';
import type { Screen } from '../terminal/index.js';

export function promptOnScreen(screen: Screen, question: string, options: { censor: boolean }): Promise<string> {
  return new Promise((resolve, reject) => {
    const row = Math.max(0, (screen.height as number) - 1);
    const label = blessedLite.text({ parent: screen, top: row, left: 0, height: 1, content: question, style: { bold: true } });
    const input = blessedLite.textbox({
      parent: screen,
      top: row,
      left: Math.min(question.length, Math.max(0, (screen.width as number) - 1)),
      height: 1,
      width: Math.max(1, (screen.width as number) - question.length),
      censor: options.censor,
      inputOnFocus: false,
    });
    const done = (error: Error | undefined, value: string) => {
      input.destroy();
      label.destroy();
      screen.render();
      if (error === undefined) resolve(value);
      else reject(error);
    };
    input.readInput((err: unknown, value?: string | null) => {
      if (err !== null && err !== undefined) done(err instanceof Error ? err : new Error(String(err)), '');
      else if (value === null || value === undefined) done(new Error('password prompt cancelled'), '');
      else done(undefined, value);
    });
    screen.render();
  });
}
