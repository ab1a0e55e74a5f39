// V8 tuned for a long-running monitor: --optimize-for-size makes the garbage collector keep the heap
// near its live size. Given on the command line (npm start) it held RSS at ~70 MB under a 10,000
// events/s log flood instead of climbing to ~120 MB between major collections; set here for every
// other start (the installed bin's shebang is a plain `#!/usr/bin/env node`, since busybox's env has
// no -S), where it still takes the peak down to ~97 MB. Imported first by cli.ts.
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--optimize-for-size');
