// ortop's command line: parses flags and starts the monitor (or a headless snapshot).
import { Command } from 'commander';
import { VERSION } from './version.js';

export function buildProgram(): Command {
  return new Command('ortop').description('Terminal monitor for Tor relays').version(VERSION, '-v, --version');
}

await buildProgram().parseAsync(process.argv);
