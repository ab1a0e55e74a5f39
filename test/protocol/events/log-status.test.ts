import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBootstrapStatus, parseEvent } from '../../../src/protocol/index.js';
import { replyOf } from '../../helpers/feed.js';
import { eventOf, expectMalformed, parsedAs } from './event-of.js';

describe('log events', () => {
  it('one variant for every runlevel, message after the first space (captures)', () => {
    expect(
      parsedAs('log', '650 INFO update_consensus_bootstrap_attempt_downloads(): Launching ns bootstrap authority networkstatus consensus download.'),
    ).toEqual({
      kind: 'log',
      type: 'INFO',
      runlevel: 'INFO',
      message: 'update_consensus_bootstrap_attempt_downloads(): Launching ns bootstrap authority networkstatus consensus download.',
      messageBytes: 'update_consensus_bootstrap_attempt_downloads(): Launching ns bootstrap authority networkstatus consensus download.',
    });
    const warn = parsedAs('log', "650 WARN Controller gave us config lines that didn't validate: Unknown option 'NoSuchOption'.  Failing.");
    expect([warn.runlevel, warn.message]).toEqual(['WARN', "Controller gave us config lines that didn't validate: Unknown option 'NoSuchOption'.  Failing."]);
    for (const level of ['DEBUG', 'NOTICE', 'ERR'] as const) {
      const ev = parsedAs('log', `650 ${level} x  y`);
      expect([ev.type, ev.runlevel, ev.message]).toEqual([level, level, 'x  y']);
    }
    expect(parsedAs('log', '650 NOTICE').message).toBe('');
  });

  it('keeps non-UTF-8 bytes in messageBytes and decodes with U+FFFD for display', () => {
    const bytes = readFileSync(new URL('../../fixtures/events/warn-raw-bytes.txt', import.meta.url));
    const ev = parseEvent(replyOf(bytes));
    if (ev.kind !== 'log') expect.fail(`expected a log event, got ${ev.kind}`);
    expect(ev.messageBytes).toBe("Controller gave us config lines that didn't validate: Unable to parse \xe9\xff\x01x as a number");
    expect(ev.message).toBe("Controller gave us config lines that didn't validate: Unable to parse \ufffd\ufffd\x01x as a number");
  });

  it('decodes valid UTF-8 in messages', () => {
    const ev = parsedAs('log', '650 NOTICE caf\xc3\xa9');
    expect([ev.message, ev.messageBytes]).toEqual(['café', 'caf\xc3\xa9']);
  });

  it('reads the legacy multi-line form (Stem vector 24)', () => {
    const ev = parsedAs('log', '650+WARN\na multi-line\nwarning message\n.\n650 OK\n');
    expect([ev.runlevel, ev.message]).toEqual(['WARN', 'a multi-line\nwarning message']);
  });
});

describe('STATUS_* events', () => {
  it('BOOTSTRAP progress (captures) with the typed helper', () => {
    const ev = parsedAs('STATUS_CLIENT', '650 STATUS_CLIENT NOTICE BOOTSTRAP PROGRESS=5 TAG=conn SUMMARY="Connecting to a relay"');
    expect(ev).toEqual({
      kind: 'STATUS_CLIENT',
      type: 'STATUS_CLIENT',
      severity: 'NOTICE',
      action: 'BOOTSTRAP',
      arguments: new Map([
        ['PROGRESS', '5'],
        ['TAG', 'conn'],
        ['SUMMARY', 'Connecting to a relay'],
      ]),
    });
    expect(parseBootstrapStatus(ev)).toEqual({
      progress: 5,
      tag: 'conn',
      summary: 'Connecting to a relay',
      warning: undefined,
      reason: undefined,
      count: undefined,
      recommendation: undefined,
      host: undefined,
      hostAddr: undefined,
    });
    const done = parsedAs('STATUS_CLIENT', '650 STATUS_CLIENT NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY="Done"');
    expect(parseBootstrapStatus(done)?.progress).toBe(100);
  });

  it('BOOTSTRAP problem form (Stem vector 41)', () => {
    const ev = parsedAs(
      'STATUS_CLIENT',
      '650 STATUS_CLIENT WARN BOOTSTRAP PROGRESS=80 TAG=conn_or SUMMARY="Connecting to the Tor network" WARNING="Network is unreachable" REASON=NOROUTE COUNT=5 RECOMMENDATION=warn HOST=$A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2 HOSTADDR=127.0.0.1:5020',
    );
    expect(ev.severity).toBe('WARN');
    expect(parseBootstrapStatus(ev)).toEqual({
      progress: 80,
      tag: 'conn_or',
      summary: 'Connecting to the Tor network',
      warning: 'Network is unreachable',
      reason: 'NOROUTE',
      count: 5,
      recommendation: 'warn',
      host: '$A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2',
      hostAddr: '127.0.0.1:5020',
    });
  });

  it('parseBootstrapStatus refuses other actions and bad progress', () => {
    const other = parsedAs('STATUS_CLIENT', '650 STATUS_CLIENT NOTICE CIRCUIT_ESTABLISHED');
    expect(parseBootstrapStatus(other)).toBeUndefined();
    expect(parseBootstrapStatus(parsedAs('STATUS_CLIENT', '650 STATUS_CLIENT NOTICE BOOTSTRAP PROGRESS=lots TAG=x'))).toBeUndefined();
    expect(parseBootstrapStatus(parsedAs('STATUS_CLIENT', '650 STATUS_CLIENT NOTICE BOOTSTRAP PROGRESS=101 TAG=x'))).toBeUndefined();
  });

  it('actions without arguments, and arguments of server/general events (captures + Stem)', () => {
    for (const action of ['CONSENSUS_ARRIVED', 'ENOUGH_DIR_INFO', 'NOT_ENOUGH_DIR_INFO', 'CIRCUIT_ESTABLISHED']) {
      const ev = parsedAs('STATUS_CLIENT', `650 STATUS_CLIENT NOTICE ${action}`);
      expect([ev.action, ev.arguments.size]).toEqual([action, 0]);
    }
    const socks = parsedAs('STATUS_CLIENT', '650 STATUS_CLIENT WARN DANGEROUS_SOCKS PROTOCOL=SOCKS5 ADDRESS=127.0.0.1:5080');
    expect(Object.fromEntries(socks.arguments)).toEqual({ PROTOCOL: 'SOCKS5', ADDRESS: '127.0.0.1:5080' });
    const reach = parsedAs('STATUS_SERVER', '650 STATUS_SERVER NOTICE REACHABILITY_SUCCEEDED ORADDRESS=127.0.0.1:5020');
    expect([reach.type, reach.action, reach.arguments.get('ORADDRESS')]).toEqual(['STATUS_SERVER', 'REACHABILITY_SUCCEEDED', '127.0.0.1:5020']);
    const dns = parsedAs('STATUS_SERVER', '650 STATUS_SERVER NOTICE NAMESERVER_STATUS NS=205.171.3.25 STATUS=DOWN ERR="request timed out."');
    expect(Object.fromEntries(dns.arguments)).toEqual({ NS: '205.171.3.25', STATUS: 'DOWN', ERR: 'request timed out.' });
    const general = parsedAs('STATUS_GENERAL', '650 STATUS_GENERAL ERR BUG REASON="assertion \\"x\\" failed \\303\\251"');
    expect([general.severity, general.action, general.arguments.get('REASON')]).toEqual(['ERR', 'BUG', 'assertion "x" failed é']);
  });

  it('maps the pre-0.2.0.22 STATUS_SEVER spelling to STATUS_SERVER, keeping the wire name', () => {
    const ev = parsedAs('STATUS_SERVER', '650 STATUS_SEVER NOTICE GOOD_SERVER_DESCRIPTOR');
    expect([ev.kind, ev.type, ev.action]).toEqual(['STATUS_SERVER', 'STATUS_SEVER', 'GOOD_SERVER_DESCRIPTOR']);
  });

  it('an unknown STATUS_* type is an unknown event (Stem vector 42)', () => {
    const ev = parsedAs('unknown', '650 STATUS_SPECIFIC NOTICE CONSENSUS_ARRIVED');
    expect([ev.type, ev.positional]).toEqual(['STATUS_SPECIFIC', ['NOTICE', 'CONSENSUS_ARRIVED']]);
  });

  it('flags a missing action and broken quoting', () => {
    expectMalformed('650 STATUS_CLIENT NOTICE', 'missing status action');
    expectMalformed('650 STATUS_CLIENT NOTICE BOOTSTRAP SUMMARY="unterminated', 'unterminated quoted string');
    expect(eventOf('650 STATUS_CLIENT NOTICE BOOTSTRAP SUMMARY="a"b').kind).toBe('malformed');
  });
});
