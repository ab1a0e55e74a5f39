// The built CLI must run under plain node (not only under vitest): blessed and @xterm/headless
// crash at link time when imported with named imports, which vitest would hide.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = new URL('../../dist/cli.js', import.meta.url).pathname;

describe('built CLI under plain node', () => {
  it('exists (npm run build produced dist/cli.js)', () => {
    expect(existsSync(CLI)).toBe(true);
  });

  it('prints the package version with -v', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const { stdout } = await run(process.execPath, [CLI, '-v']);
    expect(stdout.trim()).toContain(pkg.version);
  });

  it('prints usage with --help', async () => {
    const { stdout } = await run(process.execPath, [CLI, '--help']);
    expect(stdout).toMatch(/Usage: ortop/);
  });
});

describe('built library under plain node', () => {
  it('exports the README API from dist/lib.js', async () => {
    const LIB = new URL('../../dist/lib.js', import.meta.url).pathname;
    const script = `import('${LIB}').then((m) => { const f = new m.Framer(); const out = f.push(Buffer.from('650 BW 1 2\\r\\n')); const e = m.parseEvent(out[0].reply); console.log(typeof m.connect, e.kind, e.readBytes, e.writtenBytes); })`;
    const { stdout } = await run(process.execPath, ['-e', script]);
    expect(stdout.trim()).toBe('function BW 1 2');
  });
});

describe('the demo relay from the built CLI', () => {
  it('prints a snapshot of a busy relay with --demo --snapshot', async () => {
    const { stdout, stderr } = await run(process.execPath, [CLI, '--demo', '--snapshot', '--size', '100x30', '--wait', '0.3'], { env: { ...process.env, LANG: 'C.UTF-8' } });
    expect(stderr).toBe('');
    expect(stdout).toContain('ortopDemo - 198.51.100.7:9001');
    expect(stdout).toMatch(/flags: .*Guard/);
    expect(stdout.split('\n').length).toBeGreaterThanOrEqual(30);
  });
});
