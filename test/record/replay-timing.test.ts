// Replay timing at the edges: far-future events wait their turn (Node's timers cannot hold more
// than 2^31-1 ms and would fire after 1 ms with a warning), and a speed too slow to mean anything
// is refused as a usage error.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = new URL('../../dist/cli.js', import.meta.url).pathname;
const FIXTURE = new URL('../fixtures/replays/exit-relay-20s.jsonl', import.meta.url).pathname;

function recordingWithFarFutureEvent(): string {
  const lines = readFileSync(FIXTURE, 'utf8').trimEnd().split('\n');
  const close = lines.pop()!;
  expect(close).toContain('"kind":"close"');
  const farMs = 5e12;
  lines.push(JSON.stringify({ kind: 'received', ms: farMs, session: 1, data: '650 NOTICE far-future-marker\r\n' }));
  lines.push(close.replace(/"ms":\d+/, `"ms":${farMs + 1}`));
  const path = join(mkdtempSync(join(tmpdir(), 'ortop-replay-timing-')), 'far.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('--replay timing', () => {
  it('does not play an event 5e12 ms into the recording early, and Node prints no timer warning', async () => {
    const path = recordingWithFarFutureEvent();
    const { stdout, stderr } = await run(process.execPath, [CLI, '--replay', path, '--speed', '1000', '--snapshot', '--size', '120x40', '--wait', '1']);
    expect(stdout).toContain('ortop');
    expect(stdout).not.toContain('far-future-marker');
    expect(stderr).not.toMatch(/TimeoutOverflowWarning/);
  });

  it('refuses --speed 1e-9 as a usage error (exit 2) with the accepted range', async () => {
    const error = await run(process.execPath, [CLI, '--replay', FIXTURE, '--speed', '1e-9', '--snapshot']).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(error?.code).toBe(2);
    expect(error?.stderr).toMatch(/--speed 1e-9: expected a number from 0.001/);
  });
});
