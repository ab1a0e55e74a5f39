// Asks a question on the running screen's bottom line, e.g. the control password when tor wants it
// again after a reconnect. censor: true shows '*' for each character, never the text (Nyx echoed it).
// The line is the shared text input (capped at INPUT_LIMITS.password, redrawn once per burst of keys);
// while it is open the app gets no keys. Must not log or keep what was typed.
import type blessed from 'blessed';
import { createTextInput, INPUT_LIMITS, reduceTextInput, selectTextInputLine, type TextInput } from '../../../panels/popups/text-input.js';
import blessedLite from '../../terminal/blessed-lite.js';
import type { Screen } from '../../terminal/index.js';
import { renderLine } from '../../terminal/theme.js';

export function promptOnScreen(screen: Screen, question: string, options: { censor: boolean }): Promise<string> {
  return new Promise((resolve, reject) => {
    let input: TextInput = createTextInput({ censor: options.censor, maxLength: INPUT_LIMITS.password });
    const line: blessed.Widgets.BoxElement = blessedLite.box({ parent: screen, top: 0, left: 0, height: 1, width: 1, tags: true, wrap: false });
    const wasGrabbing = screen.grabKeys;
    // The screen stops passing keys on (to the app); they come straight from the program to us.
    screen.grabKeys = true;
    let drawQueued = false;
    let finished = false;
    const draw = () => {
      drawQueued = false;
      if (finished) return;
      const width = Math.max(1, screen.width as number);
      line.top = Math.max(0, (screen.height as number) - 1);
      line.width = width;
      line.setContent(renderLine(selectTextInputLine(input, question, width), { colors: false }));
      line.setFront();
      screen.render();
    };
    // A paste arrives as one chunk of many keys: draw once after the chunk, not once per key.
    const drawSoon = () => {
      if (drawQueued) return;
      drawQueued = true;
      queueMicrotask(draw);
    };
    const done = (error: Error | undefined, value: string) => {
      finished = true;
      screen.program.off('keypress', onKey);
      screen.off('resize', drawSoon);
      screen.grabKeys = wasGrabbing;
      input = createTextInput();
      line.destroy();
      screen.render();
      if (error === undefined) resolve(value);
      else reject(error);
    };
    const onKey = (ch: unknown, key: { full?: string } | undefined) => {
      const name = key?.full;
      if (name === undefined || finished) return;
      if (name === 'C-c') return done(new Error('password prompt cancelled'), '');
      const r = reduceTextInput(input, name, typeof ch === 'string' ? ch : undefined);
      if (r.kind === 'cancel') return done(new Error('password prompt cancelled'), '');
      if (r.kind === 'submit') return done(undefined, r.value);
      input = r.input;
      drawSoon();
    };
    screen.program.on('keypress', onKey);
    screen.on('resize', drawSoon);
    draw();
  });
}
