// --record with several relays: one recording per relay, beside the file named, secrets removed;
// --replay takes them all back (repeatable) and shows the same relays, read-only.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { startTor, stopAllTor } from '../helpers/tor-process.js';
import { describeWithTor } from '../helpers/tor-required.js';

const run = promisify(execFile);
const CLI = new URL('../../dist/cli.js', import.meta.url).pathname;

describeWithTor('--record and --replay with several relays', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ortop-fleet-rec-'));
  const env = { PATH: process.env.PATH, HOME: dir, LANG: 'C.UTF-8', TERM: 'xterm-256color', XDG_STATE_HOME: join(dir, 's'), XDG_CACHE_HOME: join(dir, 'c') };
  afterAll(async () => {
    await stopAllTor();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records each relay to its own file and replays them together', async () => {
    const a = await startTor({ relay: { nickname: 'recAlpha' } });
    const b = await startTor({ relay: { nickname: 'recBravo' }, auth: 'password', password: 'rec-s3cret' });
    const base = join(dir, 'fleet.jsonl');
    const nicknames = (json: string) => (JSON.parse(json) as { relays: { nickname: string | null }[] }).relays.map((r) => r.nickname);
    const recorded = await run(process.execPath, [CLI, '-c', '/dev/null', '-i', String(a.controlPort), '-i', String(b.controlPort), '--record', base, '--snapshot', 'json', '--wait', '1'], {
      env: { ...env, ORTOP_PASSWORD: 'rec-s3cret' },
      timeout: 30_000,
    });
    expect(nicknames(recorded.stdout)).toEqual(['recAlpha', 'recBravo']);
    const files = readdirSync(dir).filter((f) => f.startsWith('fleet.')).sort();
    expect(files).toEqual([`fleet.127.0.0.1_${a.controlPort}.jsonl`, `fleet.127.0.0.1_${b.controlPort}.jsonl`].sort());
    for (const f of files) expect(readFileSync(join(dir, f), 'utf8')).not.toContain('rec-s3cret');

    const replayArgs = [`fleet.127.0.0.1_${a.controlPort}.jsonl`, `fleet.127.0.0.1_${b.controlPort}.jsonl`].flatMap((f) => ['--replay', join(dir, f)]);
    const replayed = await run(process.execPath, [CLI, '-c', '/dev/null', ...replayArgs, '--snapshot', 'json', '--wait', '1'], { env, timeout: 30_000 });
    expect(nicknames(replayed.stdout)).toEqual(['recAlpha', 'recBravo']);
    const overview = await run(process.execPath, [CLI, '-c', '/dev/null', ...replayArgs, '--snapshot', '--page', 'relays', '--size', '160x20', '--wait', '1'], { env, timeout: 30_000 });
    expect(overview.stdout).toMatch(/^Relays \(2, as listed\)/m);
  }, 90_000);
});
