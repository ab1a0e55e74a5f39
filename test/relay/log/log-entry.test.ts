import { describe, expect, it } from 'vitest';
import { cleanMessage, dedupKey, describeEvent, localDay, makeLogEntry, MAX_MESSAGE_CHARS } from '../../../src/relay/log/index.js';
import { parseEvent } from '../../../src/protocol/events/index.js';
import type { Reply } from '../../../src/protocol/reply.js';
import { feedWhole } from '../../helpers/feed.js';

function reply(wire: string): Reply {
  const out = feedWhole(wire)[0]!;
  if (out.kind !== 'reply') throw out.error;
  return out.reply;
}

function describe_(wire: string) {
  const r = reply(wire);
  return describeEvent(parseEvent(r), r);
}

describe('describeEvent', () => {
  it('logs runlevel events with their message, BW as Nyx does, others with their own text', () => {
    expect(describe_('650 NOTICE Bootstrapped 100% (done): Done\r\n')).toEqual({ type: 'NOTICE', message: 'Bootstrapped 100% (done): Done' });
    expect(describe_('650 BW 23232 45539\r\n')).toEqual({ type: 'BW', message: 'READ: 23232, WRITTEN: 45539' });
    expect(describe_('650 CIRC 1 LAUNCHED BUILD_FLAGS=ONEHOP_TUNNEL PURPOSE=GENERAL\r\n')).toEqual({ type: 'CIRC', message: '1 LAUNCHED BUILD_FLAGS=ONEHOP_TUNNEL PURPOSE=GENERAL' });
  });

  it('joins the lines of multi-line events and counts data blocks', () => {
    expect(describe_('650-CONF_CHANGED\r\n650-Nickname=weird\r\n650-Log\r\n650 OK\r\n')).toEqual({ type: 'CONF_CHANGED', message: 'Nickname=weird, Log' });
    const ns = describe_('650+NS\r\nr r1 YlcwbLeYwuP/3kdSC0gg+OcjS54 NtQZ55vQpuw3yiNCi4xOrSqr5WQ 2038-01-01 00:00:00 127.0.0.1 5010 0\r\ns Running\r\n.\r\n650 OK\r\n');
    expect(ns).toEqual({ type: 'NS', message: '(2 lines of data)' });
  });

  it('decodes UTF-8 and strips escape sequences and control characters', () => {
    const bytes = Buffer.from('650 WARN caf\u00e9 \u001b[2J\u001b]0;pwned\u0007 {bold}x\u0000\r\n', 'utf8').toString('latin1');
    expect(describe_(bytes)).toEqual({ type: 'WARN', message: 'café  {bold}x' });
  });
});

describe('entries', () => {
  it("dedup keys: known noisy lines by pattern, everything else by exact text (tor's rate-limit suffix dropped)", () => {
    expect(dedupKey("Heartbeat: Tor's uptime is 1:00 hours, with 34 circuits open.", 'NOTICE')).toBe(dedupKey("Heartbeat: Tor's uptime is 2:00 hours, with 35 circuits open.", 'NOTICE'));
    expect(dedupKey('Failed to find node for hop #1 of our path. [1882 similar message(s) suppressed in last 180 seconds]', 'WARN')).toBe(dedupKey('Failed to find node for hop #1 of our path.', 'WARN'));
    expect(dedupKey('Failed to find node for hop #1 of our path.', 'WARN')).not.toBe(dedupKey('Failed to find node for hop #2 of our path.', 'WARN'));
    expect(dedupKey('Your Guard A is failing', 'NOTICE')).not.toBe(dedupKey('Your Guard B is failing', 'NOTICE'));
  });

  it('group keys separate type and local day', () => {
    const a = makeLogEntry(0, { atMs: Date.UTC(2026, 10, 27, 23, 59), type: 'NOTICE', message: 'x', source: 'tor' });
    const b = makeLogEntry(1, { atMs: Date.UTC(2026, 10, 28, 0, 1), type: 'NOTICE', message: 'x', source: 'tor' });
    expect(a.day + 1).toBe(b.day);
    expect(a.groupKey).not.toBe(b.groupKey);
    expect(localDay(Date.UTC(2026, 10, 27))).toBe(Date.UTC(2026, 10, 27) / 86_400_000);
  });

  it('cuts very long messages', () => {
    expect(cleanMessage('x'.repeat(MAX_MESSAGE_CHARS + 50))).toHaveLength(MAX_MESSAGE_CHARS + 1);
    expect(cleanMessage('a\nb\r\nc')).toBe('a b c');
  });
});
