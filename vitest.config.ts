import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// ortop's own files (manual cache, interpreter history) go to a scratch place during tests, never to $HOME.
const XDG = join(tmpdir(), 'ortop-test-xdg');

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    env: { TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', TERM: 'xterm-256color', XDG_CACHE_HOME: join(XDG, 'cache'), XDG_STATE_HOME: join(XDG, 'state') },
  },
});
