// Bundles the CLI and the library entry into dist/ with esbuild.
// Packages from node_modules stay external (blessed loads terminfo and widgets from its own folder).
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
};

await build({ ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env -S node --optimize-for-size' } });
await build({ ...common, entryPoints: ['src/lib.ts'], outfile: 'dist/lib.js' });
