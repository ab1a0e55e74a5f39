// What `npm pack` ships and how it starts: a built dist/ (prepack/prepare), the man page, the
// completions, tor's manual and its licence, ortop's LICENSE; a bin with a plain `env node` shebang
// (busybox's env has no -S) that sets V8's --optimize-for-size itself before anything else runs.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown> & { scripts: Record<string, string>; files: string[] };

describe('package.json', () => {
  it('builds dist/ before packing, and in a git clone that has none', () => {
    expect(pkg.scripts.prepack).toBe('npm run build');
    expect(pkg.scripts.prepare).toBe('node scripts/prepare.mjs');
    expect(pkg.scripts.build).toMatch(/^tsc -p tsconfig\.json && node scripts\/bundle\.mjs && npm run --silent build:types$/);
    expect(pkg.files).toEqual(['dist', 'man', 'completion', 'assets', 'scripts/prepare.mjs']);
  });

  it('is MIT with a LICENSE file, and names no placeholder repository', () => {
    expect(pkg.license).toBe('MIT');
    const license = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) 2026 the ortop authors\n\nPermission is hereby granted, free of charge/);
    for (const field of ['repository', 'bugs', 'homepage']) expect(JSON.stringify(pkg[field] ?? '')).not.toMatch(/example\.|invalid|TODO|placeholder/i);
  });
});

describe('npm pack', () => {
  it('ships the build, the docs and the shipped manual, and no sources or tests', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const files = (JSON.parse(r.stdout) as [{ files: { path: string }[] }])[0].files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'LICENSE', 'README.md', 'package.json', 'dist/cli.js', 'dist/lib.js', 'dist/types/lib.d.ts', 'man/ortop.1', 'completion/ortop.bash',
        'completion/_ortop', 'assets/tor-0.4.9.11.1.gz', 'assets/tor-manual-LICENSE', 'scripts/prepare.mjs',
      ]),
    );
    expect(files.filter((f) => /^(src|test|bench|panels)\//.test(f) || f.startsWith('dist/types/app') || f === 'scripts/bundle.mjs')).toEqual([]);
  });
});

describe('the bin', () => {
  const cli = readFileSync(join(ROOT, 'dist/cli.js'), 'utf8');

  it('starts with a plain #!/usr/bin/env node', () => {
    expect(cli.split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it("sets --optimize-for-size before any of ortop's own code runs", () => {
    const flag = cli.indexOf('setFlagsFromString("--optimize-for-size")');
    expect(flag).toBeGreaterThan(0);
    // Only import statements (external packages) come before it.
    const before = cli.slice(cli.indexOf('\n') + 1, flag).split('\n').filter((l) => l.trim() !== '' && !l.startsWith('//'));
    expect(before.every((l) => /^import\b/.test(l))).toBe(true);
    expect(readFileSync(join(ROOT, 'src/cli.ts'), 'utf8')).toMatch(/^(\/\/.*\n)+import '\.\/v8-tuning\.js';\n/);
  });

  it('runs under node without flags', () => {
    const r = spawnSync(join(ROOT, 'dist/cli.js'), ['--version'], { encoding: 'utf8', env: { PATH: `${join(process.execPath, '..')}:/usr/bin:/bin` } });
    expect(r).toMatchObject({ status: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
  });
});
