// The debug log (-d), for EVERY option in the table of secret options: whatever ortop writes there —
// a connection state with tor's reply text, a notice quoting a command or a GETCONF answer — reaches
// the file with [REDACTED] in place of the value, as do secret-looking values (a control-password hash).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDebugLine, openDebugLog } from '../../src/app/shell/debug-log.js';
import { SECRET_OPTIONS } from '../../src/protocol/index.js';

const T = Date.UTC(2026, 10, 27, 12, 0, 0);
const SECRET = 's3cretPW';
let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

describe.each(SECRET_OPTIONS.map((o) => o.name))('%s in the debug log', (name) => {
  it('is written as [REDACTED]', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ortop-debug-secret-'));
    dirs.push(dir);
    const path = join(dir, 'debug.log');
    const log = openDebugLog(path, () => T);
    log.write(`controller: failed (552 Unacceptable option value: ${name}=${SECRET})`);
    log.write(`Not sent: SETCONF ${name}="${SECRET} two"`);
    log.write(`GETCONF answered ${name}=${SECRET}`);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(text.match(/\[REDACTED\]/g)).toHaveLength(3);
  });
});

describe('debug log lines', () => {
  it('lose hashed control passwords wherever they are', () => {
    expect(formatDebugLine(T, `hash 16:${'AB'.repeat(29)} seen`)).toBe('2026-11-27T12:00:00.000Z hash [REDACTED] seen\n');
  });
});
