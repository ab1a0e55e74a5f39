// Bundles the CLI and the library entry into dist/ with esbuild.
// Packages from node_modules stay external (blessed loads terminfo and widgets from its own folder).
// The bin's shebang is a plain `#!/usr/bin/env node`: busybox's env has no -S, so V8 flags are set at
// run time instead (src/v8-tuning.ts).
import { chmodSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
};

// Code splitting: what only some runs need (the Prometheus exporter and prom-client) is a chunk
// loaded by dynamic import, so the monitor's start-up and memory do not pay for it.
rmSync('dist/chunks', { recursive: true, force: true });
await build({ ...common, entryPoints: { cli: 'src/cli.ts' }, outdir: 'dist', splitting: true, chunkNames: 'chunks/[name]-[hash]', banner: { js: '#!/usr/bin/env node' } });
chmodSync('dist/cli.js', 0o755);
await build({ ...common, entryPoints: ['src/lib.ts'], outfile: 'dist/lib.js' });
