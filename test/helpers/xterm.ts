// Replays the bytes a program wrote through @xterm/headless (a real terminal emulator) and reads
// back what a user would see: text rows of the active buffer (blessed uses the alternate screen).
import xterm from '@xterm/headless';

const { Terminal } = xterm;

export async function xtermRows(bytes: string, cols: number, rows: number): Promise<string[]> {
  const term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  await new Promise<void>((resolve) => term.write(Buffer.from(bytes, 'latin1'), resolve));
  const buffer = term.buffer.active;
  const out: string[] = [];
  for (let y = 0; y < rows; y++) out.push(buffer.getLine(y)?.translateToString(true) ?? '');
  term.dispose();
  return out;
}
