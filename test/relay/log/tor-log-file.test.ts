import { describe, expect, it } from 'vitest';
import { findLogFile, parseTorLogTail } from '../../../src/relay/log/index.js';

describe('findLogFile', () => {
  it('takes the first file entry of GETCONF Log', () => {
    expect(findLogFile(['notice stdout', 'notice-err file /var/log/tor/notices.log', 'info file /tmp/info.log'])).toEqual({
      path: '/var/log/tor/notices.log',
      line: 'notice-err file /var/log/tor/notices.log',
    });
    expect(findLogFile(['[handshake]debug [*]notice file /var/log/tor/debug.log'])?.path).toBe('/var/log/tor/debug.log');
    expect(findLogFile(['notice file "/path with spaces/tor.log"'])?.path).toBe('/path with spaces/tor.log');
    expect(findLogFile(['notice syslog', 'warn stderr'])).toBeUndefined();
    expect(findLogFile([])).toBeUndefined();
  });
});

// Real tor 0.4.9.11 lines; the file holds an earlier instance, then the current one.
const LOG = [
  'ov 27 09:10:00.000 [notice] (a bounded read starts mid-line)',
  'Nov 27 09:10:00.000 [notice] Tor 0.4.9.10 opening new log file.',
  'Nov 27 09:10:01.000 [warn] an old instance warning',
  'Nov 27 11:29:40.000 [notice] Tor 0.4.9.11 opening log file.',
  'Nov 27 11:29:40.356 [notice] We compiled with OpenSSL 30000140: OpenSSL 3.0.20 7 Apr 2026 and we are running with OpenSSL 30000130: 3.0.19. These two versions should be binary compatible.',
  'Nov 27 11:29:40.357 [warn] Your ContactInfo config option is not set.',
  'Nov 27 11:29:40.358 [info] not wanted',
  'Nov 27 11:29:40.367 [notice] Opened Control listener connection (ready) on 127.0.0.1:29351',
  'Nov 27 11:29:41.000 [notice] evil \u001b[2J\u001b]0;title\u0007 line',
  '',
].join('\n');

describe('parseTorLogTail', () => {
  const now = Date.UTC(2026, 10, 27, 12, 0, 0);
  const wanted = new Set(['NOTICE', 'WARN', 'ERR']);

  it("keeps only the current instance's lines of the wanted runlevels, with local times", () => {
    const r = parseTorLogTail(LOG, wanted, now, 5000);
    expect(r.foundStart).toBe(true);
    expect(r.startedAtMs).toBe(Date.UTC(2026, 10, 27, 11, 29, 40));
    expect(r.entries.map((e) => `${e.type} ${e.message.slice(0, 30)}`)).toEqual([
      'NOTICE Tor 0.4.9.11 opening log file.',
      'NOTICE We compiled with OpenSSL 30000',
      'WARN Your ContactInfo config option',
      'NOTICE Opened Control listener connec',
      'NOTICE evil  line',
    ]);
    expect(r.entries[1]!.atMs).toBe(Date.UTC(2026, 10, 27, 11, 29, 40, 356));
    expect(r.entries.every((e) => e.source === 'backlog')).toBe(true);
  });

  it("tells tor's start from a later SIGHUP (which writes the same line) by tor's start time", () => {
    const hup = `${LOG}Nov 27 11:50:00.000 [notice] Tor 0.4.9.11 opening log file.\nNov 27 11:50:00.100 [notice] Received reload signal (hup).\n`;
    expect(parseTorLogTail(hup, wanted, now, 5000).entries[0]!.message).toBe('Tor 0.4.9.11 opening log file.');
    expect(parseTorLogTail(hup, wanted, now, 5000).entries).toHaveLength(2);
    const sinceStart = parseTorLogTail(hup, wanted, now, 5000, Date.UTC(2026, 10, 27, 11, 29, 39));
    expect(sinceStart.startedAtMs).toBe(Date.UTC(2026, 10, 27, 11, 29, 40));
    expect(sinceStart.entries).toHaveLength(7);
  });

  it('reads everything when the start is not within the lines read', () => {
    const r = parseTorLogTail(LOG, wanted, now, 5);
    expect(r.foundStart).toBe(false);
    expect(r.entries.length).toBe(3);
  });

  it('puts December lines in last year when read in January', () => {
    const r = parseTorLogTail('Dec 31 23:59:59.000 [notice] happy new year\n', wanted, Date.UTC(2027, 0, 1, 0, 0, 5), 10);
    expect(new Date(r.entries[0]!.atMs).getUTCFullYear()).toBe(2026);
  });
});
