// A control port on 127.0.0.1 that answers each command line with bytes a test scripts (hostile
// PROTOCOLINFO and AUTHENTICATE answers for the real CLI), and checks on what ortop printed: no
// escape/control bytes, and what a terminal emulator did with them. Test plumbing only.
import { createServer, type Socket } from 'node:net';
import xterm from '@xterm/headless';

/** What to send back for one command (latin1 byte string); `close` hangs up after it, as tor does after a 515. */
export type Answer = { readonly reply: string; readonly close?: boolean } | undefined;

export interface ScriptedPort {
  readonly port: number;
  readonly commands: string[];
  close(): Promise<void>;
}

export const protocolInfo = (auth: string) => `250-PROTOCOLINFO 1\r\n250-AUTH ${auth}\r\n250-VERSION Tor="0.4.9.11"\r\n250 OK\r\n`;

export async function startScriptedPort(answer: (command: string) => Answer): Promise<ScriptedPort> {
  const commands: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let pending = '';
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1');
      for (let end = pending.indexOf('\r\n'); end >= 0; end = pending.indexOf('\r\n')) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        commands.push(line);
        const a = answer(line) ?? { reply: '510 Unrecognized command\r\n' };
        socket.write(Buffer.from(a.reply, 'latin1'));
        if (a.close === true) socket.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    commands,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Bytes no message of ortop's may contain: ESC, BEL, other C0 controls but \n, DEL, C1 (raw or as UTF-8), bidi overrides. */
export function controlBytesIn(bytes: Buffer): string[] {
  const found = new Set<string>();
  for (const b of bytes) {
    if (b === 0x1b) found.add('ESC');
    else if (b === 0x07) found.add('BEL');
    else if ((b < 0x20 && b !== 0x0a) || b === 0x7f) found.add(`C0 0x${b.toString(16)}`);
  }
  const text = bytes.toString('utf8');
  if (Buffer.from(text, 'utf8').compare(bytes) !== 0) found.add('invalid UTF-8');
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x80 && c <= 0x9f) found.add('C1');
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) found.add('bidi override');
  }
  return [...found];
}

export interface TerminalEffects {
  /** Titles the bytes set (OSC 0/1/2). */
  readonly titles: string[];
  /** OSC 52 clipboard writes. */
  readonly clipboard: string[];
  /** The line written before the bytes is still on screen (nothing cleared it). */
  readonly sentinelKept: boolean;
  /** The visible rows after the bytes. */
  readonly rows: string[];
}

/** Replays bytes through @xterm/headless after a sentinel line and reports what they did to the terminal. */
export async function terminalEffects(bytes: Buffer, cols = 200, rows = 50): Promise<TerminalEffects> {
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 1000 });
  const titles: string[] = [];
  const clipboard: string[] = [];
  term.onTitleChange((t) => titles.push(t));
  term.parser.registerOscHandler(52, (data) => {
    clipboard.push(data);
    return true;
  });
  const write = (data: string | Uint8Array) => new Promise<void>((resolve) => term.write(data, resolve));
  await write('SENTINEL-LINE\r\n');
  // Output to a terminal goes through the tty's ONLCR: a bare \n starts a new line at column 0.
  await write(Buffer.from(bytes.toString('latin1').replace(/\n/g, '\r\n'), 'latin1'));
  const buffer = term.buffer.active;
  const all: string[] = [];
  for (let y = 0; y < buffer.length; y++) all.push(buffer.getLine(y)?.translateToString(true) ?? '');
  term.dispose();
  return { titles, clipboard, sentinelKept: all.includes('SENTINEL-LINE'), rows: all.filter((r) => r !== '') };
}
