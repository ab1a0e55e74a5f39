// ortop's command line: parses flags (Nyx's where Nyx has them), loads the config file, finds tor
// (or the demo relay), then runs the monitor or prints one headless snapshot.
import './v8-tuning.js';
import { Command, Option } from 'commander';
import { printText } from './app/shell/console-output.js';
import { runMain } from './app/shell/main.js';
import { VERSION } from './version.js';

export function buildProgram(): Command {
  return new Command('ortop')
    .description('Terminal monitor for Tor relays and clients (in the spirit of Nyx).')
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    // Help, version and commander's own errors (which quote the user's arguments) go through the one door too.
    .configureOutput({ writeOut: (text) => printText(text, 'stdout'), writeErr: (text) => printText(text, 'stderr') })
    .option('-i, --interface <[address:]port>', 'control port to attach to, e.g. 9051, 127.0.0.1:9051 or [::1]:9051')
    .option('-s, --socket <path>', 'control socket to attach to, e.g. /run/tor/control')
    .option('-c, --config <path>', "ortop's config file (default: $XDG_CONFIG_HOME/ortop/config)")
    .option('-l, --log <events>', 'events to log, e.g. NOTICE-ERR,ORTOP_NOTICE-ORTOP_ERR,CIRC')
    .option('-d, --debug <path>', "write ortop's own debug log to this file")
    .option('--demo', 'run against the built-in simulated relay instead of a real tor')
    .addOption(new Option('--snapshot [format]', 'print one frame to stdout and exit').choices(['text', 'ansi', 'svg']).preset('text'))
    .option('--size <COLSxROWS>', 'snapshot size', '120x40')
    .addOption(new Option('--page <name>', 'snapshot page').choices(['graph', 'connections', 'config', 'torrc', 'interpreter']).default('graph'))
    .option('--wait <seconds>', 'snapshot: seconds to collect before drawing', '2')
    .option('--record <file>', 'also write the control-port session to FILE (secrets removed), e.g. for a bug report')
    .option('--replay <file>', 'play back a session recorded with --record instead of attaching to tor (read-only)')
    .option('--speed <n>', 'replay speed: 10 plays ten times as fast', '1')
    .addHelpText(
      'after',
      `
The control password is asked for without echo, or read from ORTOP_PASSWORD; it is never a flag.
Without -i or -s ortop tries /run/tor/control, /var/run/tor/control, 127.0.0.1:9051 and 127.0.0.1:9151.

Examples:
  ortop                               attach to the local tor (or offer the demo relay)
  ortop -i 9051                       attach to the control port 127.0.0.1:9051
  ortop -s /run/tor/control           attach to tor's control socket
  ortop --demo                        watch the built-in demo relay
  ortop -l NOTICE-ERR,CIRC            log tor's notices and warnings, and circuit events
  ortop --demo --snapshot --size 100x30 --wait 1
                                      print one frame of page 1 as text
  ortop -i 9051 --snapshot svg --page connections > frame.svg
  ortop -i 9051 --record session.jsonl   monitor as usual and record the control session
  ortop --replay session.jsonl --speed 5 watch a recorded session again, five times as fast`,
    )
    .action(async (opts: Record<string, unknown>) => {
      process.exitCode = await runMain(opts);
    });
}

await buildProgram().parseAsync(process.argv);
