// ortop's command line as data: the commander program (flags, help text, examples, exit status).
// The one source for --help, the man page and the shell completions (scripts/man-page.ts), so they
// cannot drift. No I/O here: output and the action are injected by src/cli.ts.
import { Command, CommanderError, Option } from 'commander';
import { VERSION } from './version.js';

/** A usage error: a bad flag or value, or a way of running ortop that cannot work (no terminal). */
export const EXIT_USAGE = 2;
/** A runtime failure: no tor, authentication, a file, the snapshot. */
export const EXIT_FAILURE = 1;

export interface ExitStatus {
  readonly code: number;
  readonly meaning: string;
}

export const EXIT_STATUS: readonly ExitStatus[] = [
  { code: 0, meaning: 'success: the monitor was quit, the snapshot was written (or its reader went away), --headless stopped by SIGTERM or SIGINT, --help or --version' },
  { code: EXIT_FAILURE, meaning: 'a runtime failure: no tor found, authentication failed, a recording could not be read, the snapshot could not be made or written' },
  {
    code: EXIT_USAGE,
    meaning: 'a usage error: an unknown option, a missing or bad value, options that cannot be combined, or no terminal for the full-screen monitor (use --snapshot)',
  },
];

export interface Example {
  readonly command: string;
  readonly what: string;
}

export const EXAMPLES: readonly Example[] = [
  { command: 'ortop', what: 'attach to the local tor (or the demo)' },
  { command: 'ortop -i 9051', what: 'attach to the control port 127.0.0.1:9051' },
  { command: 'ortop -s /run/tor/control', what: "attach to tor's control socket" },
  { command: 'ortop --demo', what: 'watch the built-in demo relay' },
  { command: 'ortop -i 9051 -i 9052 -s /run/x/control', what: 'watch three relays (0: all, [ ]: switch)' },
  { command: 'ortop --ssh op@relay1 --ssh relay2', what: 'two relays on other hosts, over ssh' },
  { command: 'ortop --demo 5 --snapshot --page relays', what: 'the overview of five demo relays' },
  { command: 'ortop -l NOTICE-ERR,CIRC', what: 'log notices, warnings and circuit events' },
  { command: 'ortop --demo --snapshot --size 100x30 --wait 1', what: 'print one frame of page 1 as text' },
  { command: 'ortop -i 9051 --snapshot svg --page connections > frame.svg', what: 'save page 2 as an SVG picture' },
  { command: 'ortop -i 9051 --snapshot json | jq .relays[0].health', what: 'health checks as JSON, for scripts' },
  { command: 'ortop -i 9051 --record session.jsonl', what: 'monitor and record the control session' },
  { command: 'ortop --replay session.jsonl --speed 5', what: 'replay a recording five times as fast' },
  { command: 'ortop --metrics-listen 9099', what: 'monitor + Prometheus metrics on :9099' },
  { command: 'ortop --headless --metrics-listen 9099', what: 'metrics only, no terminal (systemd)' },
];

/** Paragraphs shown after the options in --help and in the man page's DESCRIPTION. */
export const NOTES: readonly string[] = [
  'The control password is asked for without echo, or read from ORTOP_PASSWORD; it is never a flag.',
  'Without -i or -s ortop tries /run/tor/control, /var/run/tor/control, 127.0.0.1:9051 and 127.0.0.1:9151.',
  "Without -c ortop reads $XDG_CONFIG_HOME/ortop/config, or Nyx's ~/.nyx/config when it has none (nyxrc syntax).",
  '--ssh runs the system ssh in batch mode (keys or agent, never a password prompt of its own) with your ~/.ssh/config, or the file ORTOP_SSH_CONFIG names; -d logs each ssh command line.',
];

export interface ProgramHooks {
  /** Runs ortop with the parsed options; resolves to the exit code. */
  readonly run: (options: Record<string, unknown>) => Promise<number>;
  /** Help and version text. */
  readonly writeOut: (text: string) => void;
  /** commander's own error text (already reformatted into one line by this module). */
  readonly writeErr: (text: string) => void;
}

/** Hooks that do nothing: for reading the program's definition (man page, completions, tests). */
export const DEFINITION_ONLY: ProgramHooks = { run: async () => 0, writeOut: () => {}, writeErr: () => {} };

/** A repeatable option's values, in the order given. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function buildProgram(hooks: ProgramHooks = DEFINITION_ONLY): Command {
  return (
    new Command('ortop')
      .description('Terminal monitor for Tor relays and clients (in the spirit of Nyx).')
      .version(VERSION, '-v, --version', 'print the version')
      .helpOption('-h, --help', 'show this help')
      .configureOutput({
        writeOut: hooks.writeOut,
        writeErr: hooks.writeErr,
        // "error: unknown option '--frob'\n(Did you mean --demo?)" → one line, as ortop's own usage errors read.
        outputError: (text, write) => write(`ortop: ${oneLine(text.replace(/^error: /, ''))} (see ortop --help)\n`),
      })
      // commander would exit by itself (with 1 for a usage error); runCli maps its errors instead.
      .exitOverride()
      .option('-i, --interface <[address:]port>', 'control port to attach to, e.g. 9051, 127.0.0.1:9051 or [::1]:9051 (repeat for several relays)', collect)
      .option('-s, --socket <path>', 'control socket to attach to, e.g. /run/tor/control (repeat for several relays)', collect)
      .option('--instances', "every Debian tor instance (/run/tor-instances/NAME/control), besides -i/-s")
      .option('--ssh <[user@]host[:control]>', 'a relay on another host through ssh, e.g. op@relay1 or relay1:9051 (repeat for several)', collect)
      .option('--remote', 'read nothing about tor from this machine (/proc, its files), whatever the evidence says')
      .option('-c, --config <path>', "ortop's config file (default: $XDG_CONFIG_HOME/ortop/config, else ~/.nyx/config)")
      .option('-l, --log <events>', 'events to log, e.g. NOTICE-ERR,ORTOP_NOTICE-ORTOP_ERR,CIRC')
      .option('-d, --debug <path>', "write ortop's own debug log to this file")
      .option('--demo [relays]', 'run against the built-in simulated relay instead of a real tor (--demo 5: five of them)')
      .addOption(new Option('--snapshot [format]', 'print one frame to stdout and exit (json: every relay\'s model, docs/snapshot-json.md)').choices(['text', 'ansi', 'svg', 'json']).preset('text'))
      .option('--size <COLSxROWS>', 'snapshot size', '120x40')
      .addOption(new Option('--page <name>', 'snapshot page').choices(['relays', 'graph', 'connections', 'config', 'torrc', 'interpreter', 'health']).default('graph'))
      .option('--wait <seconds>', 'snapshot: seconds to collect before drawing', '2')
      .option('--record <file>', 'also write the control-port session to FILE (secrets removed), e.g. for a bug report; with several relays one file each (FILE.NAME)')
      .option('--replay <file>', 'play back a session recorded with --record instead of attaching to tor (read-only; repeat for several relays)', collect)
      .option('--speed <n>', 'replay speed: 10 plays ten times as fast', '1')
      .option('--metrics-listen <[address:]port>', 'serve Prometheus metrics for every relay at http://ADDRESS:PORT/metrics (address default 127.0.0.1)')
      .option('--metrics-allow-remote', 'allow --metrics-listen on an address that is not loopback (anyone who reaches it reads the metrics)')
      .option('--headless', 'no terminal: serve --metrics-listen and log events to stderr until SIGTERM (for systemd)')
      .addHelpText('after', helpAfterText())
      .action(async (opts: Record<string, unknown>) => {
        await hooks.run(opts);
      })
  );
}

/**
 * Parses argv (node's, with the interpreter and script first) and runs ortop; resolves to the exit
 * code. commander's own errors (unknown option, missing value, bad choice, too many arguments) are
 * usage errors, EXIT_USAGE, where commander would exit 1; --help and --version are 0. Whatever the
 * run itself throws is rethrown.
 */
export async function runCli(argv: readonly string[], hooks: ProgramHooks): Promise<number> {
  let code = 0;
  const program = buildProgram({ ...hooks, run: async (options) => (code = await hooks.run(options)) });
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return error.exitCode === 0 ? 0 : EXIT_USAGE;
  }
  return code;
}

function oneLine(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, ' ');
}

/** The text after the option list in --help: notes, examples and the exit status, fitting 80 columns. */
export function helpAfterText(): string {
  const column = 38;
  const examples = EXAMPLES.map((e) =>
    e.command.length + 2 < column ? `  ${e.command.padEnd(column - 2)}${e.what}` : `  ${e.command}\n${' '.repeat(column)}${e.what}`,
  );
  const status = EXIT_STATUS.map((s) => wrap(`${s.code}  ${s.meaning}`, 78, '   ').map((l) => `  ${l}`).join('\n'));
  return ['', ...NOTES.map((n) => wrap(n, 80, '').join('\n')), '', 'Examples:', ...examples, '', 'Exit status:', ...status].join('\n');
}

/** Words into lines of at most `width` characters; lines after the first start with `indent`. */
function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}
