// Ctrl-Z on a real terminal (a pty, through bench/pty-run.py), against the demo relay: ortop hands
// the terminal back (normal screen, cursor shown, line mode with echo, as `stty` on the pty reads
// it) and is stopped (state T in /proc); SIGCONT, as the shell's `fg` sends it, takes the terminal
// again (raw mode, alternate screen) and repaints the whole frame; q then y still quits with 0.
import { execFileSync } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { spawnInPty } from '../../bench/lib/pty-process.js';
import { pollUntil } from '../helpers/poll-until.js';
import { xtermRows } from '../helpers/xterm.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The one-letter state of a process: R, S, T (stopped)… */
const stateOf = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0];

/** What a terminal fed these bytes shows (blessed writes spaces as cursor moves, so bytes alone do not read as text). */
const screenOf = async (bytes: string) => (await xtermRows(bytes, 100, 30)).join('\n');

/** The pty's line discipline as `stty -a` reports it. */
const sttyOf = (tty: string) => execFileSync('stty', ['-a', '-F', tty], { encoding: 'utf8' });

it('Ctrl-Z restores the terminal and stops ortop; SIGCONT re-enters raw mode and repaints', async () => {
  const pty = spawnInPty(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--demo'], {
    cols: 100,
    rows: 30,
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', TERM: 'xterm-256color', XDG_STATE_HOME: process.env.XDG_STATE_HOME, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME },
  });
  let out = '';
  pty.onChunk((c) => (out += c.bytes.toString('latin1')));
  try {
    const pid = await pty.childPid;
    await pollUntil('the first frame', async () => (await screenOf(out)).includes('page 1 / 6'), 15_000);
    const tty = readlinkSync(`/proc/${pid}/fd/0`);
    expect(sttyOf(tty)).toMatch(/(^|\s)-icanon\s[\s\S]*(^|\s)-echo\s/);

    const beforeStop = out.length;
    pty.write('\x1a');
    await pollUntil('ortop to stop', () => stateOf(pid) === 'T', 10_000);
    // ortop wrote these before stopping; under load the pty relay may still be carrying them.
    await pollUntil('the terminal handed back', () => ['\x1b[?1049l', '\x1b[?25h', '\x1b[?2004l'].every((s) => out.slice(beforeStop).includes(s)), 10_000);
    const released = out.slice(beforeStop);
    expect(released).toContain('\x1b[?1049l');
    expect(released).toContain('\x1b[?25h');
    expect(released).toContain('\x1b[?2004l');
    expect(sttyOf(tty)).toMatch(/(^|\s)icanon\s[\s\S]*(^|\s)echo\s/);

    const beforeContinue = out.length;
    process.kill(pid, 'SIGCONT');
    // The bytes since SIGCONT alone, on a blank terminal, show the whole frame: every cell was written again.
    await pollUntil('a full repaint', async () => (await screenOf(out.slice(beforeContinue))).includes('page 1 / 6'), 10_000);
    expect(stateOf(pid)).not.toBe('T');
    expect(out.slice(beforeContinue)).toContain('\x1b[?1049h');
    expect(sttyOf(tty)).toMatch(/(^|\s)-icanon\s[\s\S]*(^|\s)-echo\s/);
    const shown = await xtermRows(out.slice(beforeContinue), 100, 30);
    expect(shown[0]).toMatch(/^ortop - /);

    pty.write('q');
    await pollUntil('the quit question', async () => (await screenOf(out.slice(beforeContinue))).includes('Quit ortop?'), 10_000);
    pty.write('y');
    expect((await pty.exited)?.code).toBe(0);
  } finally {
    await pty.stop();
  }
}, 60_000);
