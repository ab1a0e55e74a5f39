// The log (page 1, save-log, write_logs_to), for EVERY option in the table of secret options: a
// CONF_CHANGED event, a tor log message or a line of tor's log file that carries the value reaches
// the log buffer — and so the screen and every file written from it — with [REDACTED] in its place.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLogSink, saveLogSnapshot } from '../../../src/app/session/log-writer.js';
import { ManualClock } from '../../../src/controller/index.js';
import { parseEvent, SECRET_OPTIONS, type Reply } from '../../../src/protocol/index.js';
import { describeEvent, LogBuffer, parseTorLogTail } from '../../../src/relay/log/index.js';
import { settle } from '../../helpers/fake-tor.js';

const T = Date.UTC(2026, 10, 27, 12, 0, 0);
const SECRET = 's3cretPW';
let dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
  dirs = [];
});

describe.each(SECRET_OPTIONS.map((o) => o.name))('%s in the log', (name) => {
  it('CONF_CHANGED, a tor message and a log-file line: redacted in the buffer, the save and write_logs_to', async () => {
    const conf: Reply = {
      code: 650,
      lines: [
        { code: 650, separator: '-', text: 'CONF_CHANGED' },
        { code: 650, separator: '-', text: `${name}=${SECRET} with space` },
        { code: 650, separator: '-', text: 'Nickname=frost' },
        { code: 650, separator: ' ', text: 'OK' },
      ],
    };
    const notice: Reply = { code: 650, lines: [{ code: 650, separator: ' ', text: `NOTICE Tried ${name}=${SECRET} and gave up` }] };
    const buffer = new LogBuffer(100);
    for (const reply of [conf, notice]) {
      const { type, message } = describeEvent(parseEvent(reply), reply);
      buffer.add({ atMs: T, type, message, source: 'tor' });
    }
    const backlog = parseTorLogTail(`Nov 27 12:00:00.000 [notice] Read ${name}=${SECRET} from the torrc\n`, new Set(['NOTICE']), T, 100);
    buffer.addBacklog(backlog.entries);
    buffer.add({ atMs: T, type: 'ORTOP_WARN', message: `could not set ${name}=${SECRET}`, source: 'ortop' });

    const entries = buffer.toArray();
    expect(entries).toHaveLength(4);
    const messages = entries.map((e) => e.message).join('\n');
    expect(messages).not.toContain(SECRET);
    expect(messages).toContain(`${name}=[REDACTED]`);
    expect(messages).toContain('Nickname=frost');

    const dir = await mkdtemp(join(tmpdir(), 'ortop-log-secret-'));
    dirs.push(dir);
    await saveLogSnapshot(join(dir, 'saved.txt'), entries.map((entry) => ({ entry, duplicates: 0 })));
    const sink = openLogSink(join(dir, 'live.log'), { clock: new ManualClock(T), onError: (m) => expect.fail(m) });
    for (const entry of entries) sink.write(entry);
    await sink.close();
    await settle();
    for (const file of ['saved.txt', 'live.log']) {
      const written = await readFile(join(dir, file), 'utf8');
      expect(written, file).not.toContain(SECRET);
      expect(written, file).toContain('[REDACTED]');
    }
  });
});
