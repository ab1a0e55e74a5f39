// The header's connection line when something is wrong: why ortop is disconnected and what it
// retries, and "not answering" while a stopped tor keeps its connection open.
import { describe, expect, it } from 'vitest';
import { formatClock, selectPortsRow } from '../../../panels/header/index.js';
import type { ConnectionStatus, HeaderFacts } from '../../../src/relay/header-facts.js';
import type { Line } from '../../../src/terminal/theme.js';
import { NOW_MS, disconnectedFacts, relayFacts } from './header-fixtures.js';

const text = (line: Line): string => line.map((s) => s.text).join('');
const withConnection = (connection: ConnectionStatus): HeaderFacts => ({ ...relayFacts, connection });
const down = disconnectedFacts.connection as Extract<ConnectionStatus, { kind: 'disconnected' }>;
const at = formatClock(down.atMs);

describe('the disconnected banner', () => {
  it('says why and what it retries', () => {
    const facts = withConnection({ ...down, problem: 'nothing listening', retrying: '127.0.0.1:9051' });
    expect(text(selectPortsRow(facts, NOW_MS, 120))).toBe(`Tor Disconnected at ${at}: nothing listening — retrying 127.0.0.1:9051 in 5s (press r to reconnect now)`);
    const due = withConnection({ ...down, problem: 'tor not answering', retrying: '3 control addresses', retryAtMs: NOW_MS });
    expect(text(selectPortsRow(due, NOW_MS, 120))).toBe(`Tor Disconnected at ${at}: tor not answering — retrying 3 control addresses now (press r to reconnect now)`);
  });

  it('once retries stopped, says what r does', () => {
    const manual = withConnection({ ...down, retryAtMs: undefined, problem: 'password rejected', manualAction: 'enter the password' });
    expect(text(selectPortsRow(manual, NOW_MS, 120))).toBe(`Tor Disconnected at ${at}: password rejected — press r to enter the password`);
    const other = withConnection({ ...down, retryAtMs: undefined, problem: 'cookie file unreadable' });
    expect(text(selectPortsRow(other, NOW_MS, 120))).toBe(`Tor Disconnected at ${at}: cookie file unreadable — press r to reconnect`);
  });

  it('keeps to the width and cleans what it shows', () => {
    const facts = withConnection({ ...down, problem: 'bad\u001b[2Jthing', retrying: '/run/tor/control' });
    const row = text(selectPortsRow(facts, NOW_MS, 40));
    expect(row).not.toContain('\u001b');
    expect([...row].length).toBeLessThanOrEqual(40);
  });
});

describe('the not-answering banner', () => {
  it('says since when tor was last heard, how long the request waits, and when ortop reconnects', () => {
    const facts = withConnection({
      kind: 'connected',
      target: '127.0.0.1:9051',
      authMethod: 'SAFECOOKIE',
      sinceMs: NOW_MS - 600_000,
      silence: { command: 'GETINFO', askedAtMs: NOW_MS - 12_000, lastHeardAtMs: NOW_MS - 17_000, dropAtMs: NOW_MS + 18_000 },
    });
    const row = selectPortsRow(facts, NOW_MS, 120);
    expect(text(row)).toBe(`Tor not answering since ${formatClock(NOW_MS - 17_000)} (GETINFO unanswered for 12s) — reconnecting in 18s unless it answers`);
    expect(row[0]!.style).toEqual({ fg: 'yellow', bold: true });
    expect(text(selectPortsRow(facts, NOW_MS + 18_000, 120))).toMatch(/— reconnecting now$/);
  });
});
