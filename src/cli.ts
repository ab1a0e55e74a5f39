// ortop's command line: V8 is tuned for a long-running monitor first (src/v8-tuning.ts), then the
// rest of ortop is loaded (src/cli-main.ts: flags, config, tor, the monitor). The dynamic import
// keeps every line of ortop's own code after the flags, also with the bundle's shared chunks.
import './v8-tuning.js';

await import('./cli-main.js');
