// ortop's command line once V8 is tuned (src/cli.ts loads this after src/v8-tuning.ts): parses flags
// (Nyx's where Nyx has them; the definition is src/cli-program.ts), then src/app/shell/main.ts loads
// the config, finds tor (or the demo relay) and runs the monitor or prints one headless snapshot.
// Exit codes: 0 done, 1 runtime failure, 2 usage error.
import { printMessage, printText } from './app/shell/console-output.js';
import { runMain } from './app/shell/main.js';
import { EXIT_FAILURE, runCli } from './cli-program.js';

try {
  // Help, version and commander's own errors (which quote the user's arguments) go through the one door too.
  process.exitCode = await runCli(process.argv, { run: runMain, writeOut: (text) => printText(text, 'stdout'), writeErr: (text) => printText(text, 'stderr') });
} catch (error) {
  // A bug, not the user's doing: one line and the stack, exit 1 (never 2, which means "usage").
  printMessage(`internal error: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof Error && error.stack !== undefined) printText(`${error.stack}\n`);
  process.exitCode = EXIT_FAILURE;
}
