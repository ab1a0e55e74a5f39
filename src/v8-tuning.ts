// V8 tuned for a long-running monitor: --optimize-for-size makes the garbage collector keep the heap
// near its live size. Given on the command line (npm start) it held RSS at ~70 MB under a 10,000
// events/s log flood instead of climbing to ~120 MB between major collections; set here for every
// other start (the installed bin's shebang is a plain `#!/usr/bin/env node`, since busybox's env has
// no -S), where it still takes the peak down to ~97 MB. Imported first by cli.ts.
// --no-opt (no TurboFan; Ignition and Sparkplug only): a monitor's hot paths are short, and the
// optimizing compiler's threads and code cost more than they save. Measured idle (bench/threads.ts,
// issue 15): RSS 68 → 63 MB, RssAnon 27 → 21 MB, V8 worker threads ~0.8 → ~0.4 % of a core; a
// 10,000 events/s log flood costs ~10 % more CPU; start-up is the same within noise. (--lite-mode
// and --single-threaded-gc only work on the command line, before V8 starts.) ORTOP_V8_OPT=1 keeps
// TurboFan (for comparing).
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--optimize-for-size');
if (process.env.ORTOP_V8_OPT !== '1') setFlagsFromString('--no-opt');
