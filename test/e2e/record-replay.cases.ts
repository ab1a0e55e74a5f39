// --record against the test network and --replay of what it wrote: the file holds the session but
// no secret (cookie, SAFECOOKIE nonces and hashes, the control password or its hash), and the replay
// shows the same header the live snapshot showed.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Controller } from '../../src/controller/index.js';
import { parseRecording, Recorder, openRecordFile } from '../../src/record/index.js';
import { realClock } from '../../src/controller/index.js';
import { openTransport } from '../../src/transport/index.js';
import { maskNumbers } from './frames.js';
import { runCli, type E2EContext } from './harness.js';

export function recordReplayCases(ctx: E2EContext): void {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ortop-e2e-rec-'));
  });
  afterAll(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('ortop --record writes the session without the cookie or nonces; --replay shows the same header', async () => {
    const exit = ctx.net.exit;
    const file = join(dir, 'exit1.jsonl');
    const live = await runCli(['-i', String(exit.tor.controlPort), '--snapshot', 'text', '--size', '120x30', '--wait', '3', '--record', file]);
    expect(live.stderr).toBe('');
    expect(live.code).toBe(0);
    const text = await readFile(file, 'utf8');
    const recording = parseRecording(text);
    expect(recording.entries.filter((e) => e.kind === 'open')).toHaveLength(1);
    expect(recording.entries.at(-1)).toMatchObject({ kind: 'close', by: 'ortop' });
    expect(recording.entries.some((e) => e.kind === 'received' && e.data.startsWith('650 '))).toBe(true);
    const cookie = Buffer.from(await readFile(exit.tor.cookiePath)).toString('hex');
    expect(text.toLowerCase()).not.toContain(cookie.toLowerCase());
    expect(text).toContain('AUTHCHALLENGE SAFECOOKIE [REDACTED]');
    expect(text).toMatch(/SERVERHASH=\[REDACTED\] SERVERNONCE=\[REDACTED\]/);
    expect(text).toContain('"AUTHENTICATE [REDACTED]\\r\\n"');

    const replay = await runCli(['--replay', file, '--snapshot', 'text', '--size', '120x30', '--wait', '1']);
    expect(replay.stderr).toBe('');
    expect(replay.code).toBe(0);
    const rows = (out: string) => out.split('\n');
    const liveRows = rows(live.stdout);
    const replayRows = rows(replay.stdout);
    expect(replayRows[1]).toContain(`exit1 - 127.0.0.1:${exit.orPort}, Control Port (open): replay of exit1.jsonl`);
    for (const prefix of ['ortop - ', 'fingerprint: ', 'flags: ', 'exit policy: ']) {
      const a = liveRows.find((r) => r.startsWith(prefix));
      expect(a, `live snapshot has a "${prefix}" row`).toBeDefined();
      expect(maskNumbers(replayRows.find((r) => r.startsWith(prefix)) ?? ''), prefix).toBe(maskNumbers(a!));
    }
  }, 40_000);

  it('a password session is recorded without the password, and replays read-only', async () => {
    const relay = ctx.net.node('relay1');
    const password = relay.tor.password!;
    const file = join(dir, 'relay1.jsonl');
    const recorder = new Recorder({ sink: openRecordFile(file), clock: realClock, ortopVersion: 'e2e', target: `127.0.0.1:${relay.tor.controlPort}` });
    // No cookie reader: tor offers HASHEDPASSWORD too, so this authenticates with the password.
    const controller = new Controller({ openTransport: recorder.wrap(() => openTransport({ kind: 'tcp', host: '127.0.0.1', port: relay.tor.controlPort })), auth: { password: async () => password }, reconnect: false });
    await controller.open();
    expect(controller.authMethod).toBe('HASHEDPASSWORD');
    const hashed = await controller.getConf('HashedControlPassword');
    expect(JSON.stringify([...hashed])).toMatch(/16:[0-9A-F]{58}/);
    await controller.getInfoOne('version');
    controller.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    recorder.close();
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(password);
    expect(text).not.toContain(Buffer.from(password).toString('hex'));
    expect(text).not.toContain(Buffer.from(password).toString('hex').toUpperCase());
    expect(text).not.toMatch(/16:[0-9A-F]{58}/i);
    expect(text).toContain('HashedControlPassword=[REDACTED]');

    // This session holds only what the test asked; the app's own queries get "not recorded" and it carries on.
    const replay = await runCli(['--replay', file, '--snapshot', 'text', '--size', '100x30', '--wait', '0.5']);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toContain('Control Port (open): replay of relay1.jsonl');
    expect(replay.stdout).toContain('was not recorded');
  }, 30_000);
}
