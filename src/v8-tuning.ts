// V8 tuned for a long-running monitor: --optimize-for-size makes the garbage collector keep the heap
// near its live size. Given on the command line (the bin's shebang, npm start) it held RSS at ~70 MB
// under a 10,000 events/s log flood instead of climbing to ~120 MB between major collections; set
// here too, for `node dist/cli.js` without the flag, where it still takes the peak down to ~97 MB.
// Imported first by cli.ts so it runs before anything allocates much.
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--optimize-for-size');
