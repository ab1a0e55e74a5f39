// The one door to stdout/stderr (src/app/shell/console-output.ts): no module in src/ or panels/ writes to
// them any other way (a source scan, so the next `process.stderr.write` fails here), every message is
// sanitised and capped, and a failed write is a result, not a stack trace.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { printMessage, printPrompt, writeFrame, type OutputStream } from '../../src/app/shell/console-output.js';
import { MESSAGE_MAX_CHARS } from '../../src/terminal/index.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const CHOKE_POINT = 'src/app/shell/console-output.ts';

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const rel = join(dir, name);
    return statSync(join(ROOT, rel)).isDirectory() ? sources(rel) : rel.endsWith('.ts') ? [rel] : [];
  });
}

/** Ways around the choke point: the process's streams (reading isTTY is fine), console.*, fd 1/2, the tty device. */
const BYPASSES: Array<[string, RegExp]> = [
  ['process.stdout/stderr', /\bprocess\s*\.\s*(stdout|stderr)\b(?!\s*\.\s*isTTY\b)/],
  ['console.*', /\bconsole\s*\.\s*\w+/],
  ['write to fd 1 or 2', /\b(writeSync|write)\s*\(\s*[12]\s*,/],
  ['/dev/stdout, /dev/stderr or /dev/tty', /['"`]\/dev\/(stdout|stderr|tty)\b/],
  ['process.stdout/stderr by index', /\bprocess\s*\[\s*['"`](stdout|stderr)['"`]\s*\]/],
];

/** Source lines that are code (comment lines dropped), numbered. */
function codeLines(text: string): Array<[number, string]> {
  return text
    .split('\n')
    .map((line, i): [number, string] => [i + 1, line])
    .filter(([, line]) => !/^\s*(\/\/|\*|\/\*)/.test(line));
}

function bypassesIn(file: string, text: string): string[] {
  const found: string[] = [];
  for (const [n, line] of codeLines(text)) for (const [name, re] of BYPASSES) if (re.test(line)) found.push(`${file}:${n}: ${name}: ${line.trim()}`);
  return found;
}

describe('one door to stdout and stderr', () => {
  it('the scan finds each way around the door', () => {
    const planted = [
      "process.stderr.write(`ortop: ${message}\\n`);",
      'process.stdout.write(frame);',
      'const out = process.stderr;',
      "console.error('x');",
      'fs.writeSync(2, text);',
      "openSync('/dev/tty', 'w');",
      "process['stdout'].write(x);",
    ];
    for (const line of planted) expect(bypassesIn('planted.ts', line), line).toHaveLength(1);
    expect(bypassesIn('ok.ts', 'if (process.stdout.isTTY && process.stdin.isTTY) run();\n// process.stderr.write in a comment')).toEqual([]);
  });

  it('no module in src/ or panels/ but the door writes to stdout or stderr', () => {
    const files = [...sources('src'), ...sources('panels')].filter((f) => f !== CHOKE_POINT);
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.flatMap((file) => bypassesIn(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});

function collector(): OutputStream & { text(): string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (b: Buffer) => chunks.push(b));
  return Object.assign(stream, { text: () => Buffer.concat(chunks).toString('utf8') });
}

describe('printMessage and printPrompt', () => {
  it('print one sanitised line: a hostile tor text loses its title, clear-screen and clipboard sequences', () => {
    const out = collector();
    printMessage('tor at 127.0.0.1:9051 refused authentication: 515 Authentication failed: \x1b]2;pwned\x07\x1b[2J\x1b]52;c;ZXZpbA==\x07\nsecond line', out);
    expect(out.text()).toBe('ortop: tor at 127.0.0.1:9051 refused authentication: 515 Authentication failed:  second line\n');
    printPrompt('\x1b[2JTor control password: ', out);
    expect(out.text().endsWith('\nTor control password: ')).toBe(true);
  });

  it('cap a message at the limit and say how much was cut', () => {
    const out = collector();
    printMessage(`cannot read /tmp/${'a'.repeat(200_000)}`, out);
    const line = out.text();
    expect(line.split('\n')).toHaveLength(2);
    expect(line.length).toBeLessThan(MESSAGE_MAX_CHARS + 40);
    expect(line).toMatch(/… \(\d+ bytes cut\)\n$/);
  });
});

describe('writeFrame', () => {
  const failing = (code: string): OutputStream => ({
    write: (_chunk, callback) => {
      callback?.(Object.assign(new Error(`${code}: write failed`), { code }));
      return false;
    },
  });

  it('resolves written when the frame went out', async () => {
    const out = collector();
    expect(await writeFrame('frame', out)).toEqual({ kind: 'written' });
    expect(out.text()).toBe('frame\n');
  });

  it('a closed pipe (EPIPE) is the reader going away, not a failure', async () => {
    expect(await writeFrame('frame', failing('EPIPE'))).toEqual({ kind: 'reader-gone' });
  });

  it('a full disk is one line saying so', async () => {
    expect(await writeFrame('frame', failing('ENOSPC'))).toEqual({ kind: 'failed', message: 'cannot write the snapshot to standard output: no space left on device (ENOSPC)' });
  });
});
