import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../src/protocol/events/index.js';
import {
  emptyHeaderFacts,
  type HeaderFacts,
  flagsFromStatus,
  parseBootstrapPhase,
  parseListeners,
  patchFromHeaderInfo,
  reduceHeaderEvent,
  splitHostPort,
} from '../../src/relay/index.js';
import { replyOf } from '../helpers/feed.js';

const FP = 'A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2';
const NS_BODY = [
  'r r2 pqaQTgm1y+3atBypK4ytlQbQE9I X/Z3y7ldFYi3+cX6zIGsq6d4XdE 2038-01-01 00:00:00 127.0.0.1 5020 0',
  's Exit Fast Guard HSDir Running Stable V2Dir Valid',
  'w Bandwidth=159',
  'p reject 1-65535',
].join('\n');
const host = { hostname: 'box', osName: 'Linux', osRelease: '6.1' };

describe('header info', () => {
  it('patches from a GETINFO batch captured from a relay', () => {
    const now = 1_800_000_000_000;
    const patch = patchFromHeaderInfo(
      new Map([
        ['version', '0.4.9.11'],
        ['status/version/current', 'recommended'],
        ['process/pid', '2369'],
        ['uptime', '279'],
        ['net/listeners/or', '"0.0.0.0:9001" "[::]:9001"'],
        ['net/listeners/dir', ''],
        ['process/descriptor-limit', '19968'],
        ['status/bootstrap-phase', 'NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY="Done"'],
        ['network-liveness', 'up'],
      ]),
      now,
    );
    expect(patch).toEqual({
      torVersion: '0.4.9.11',
      versionStatus: 'recommended',
      pid: 2369,
      torStartedAtMs: now - 279_000,
      fdLimit: 19968,
      isRelay: true,
      orPort: 9001,
      address: undefined,
      dirPort: undefined,
      bootstrap: { progress: 100, tag: 'done', summary: 'Done', warning: undefined },
      liveness: 'up',
    });
  });

  it('knows a client (no OR listener) and keeps a bound address', () => {
    expect(patchFromHeaderInfo(new Map([['net/listeners/or', '']]), 0)).toMatchObject({ isRelay: false, orPort: undefined });
    expect(patchFromHeaderInfo(new Map([['net/listeners/or', '"127.0.0.1:5020"']]), 0)).toMatchObject({ isRelay: true, address: '127.0.0.1', orPort: 5020 });
  });

  it('parses listeners, host:port, bootstrap phases', () => {
    expect(parseListeners('"127.0.0.1:19051" "[::1]:19051"')).toEqual(['127.0.0.1:19051', '[::1]:19051']);
    expect(parseListeners('"broken')).toEqual([]);
    expect(splitHostPort('[::1]:9051')).toEqual({ host: '::1', port: 9051 });
    expect(splitHostPort('nonsense')).toBeUndefined();
    expect(parseBootstrapPhase('WARN BOOTSTRAP PROGRESS=80 TAG=conn_or SUMMARY="Connecting to the Tor network" WARNING="Network is unreachable" REASON=NOROUTE COUNT=5 RECOMMENDATION=warn')).toEqual({
      progress: 80,
      tag: 'conn_or',
      summary: 'Connecting to the Tor network',
      warning: 'Network is unreachable',
    });
  });

  it('finds our flags', () => {
    expect(flagsFromStatus(NS_BODY, FP)).toEqual(['Exit', 'Fast', 'Guard', 'HSDir', 'Running', 'Stable', 'V2Dir', 'Valid']);
    expect(flagsFromStatus(NS_BODY, 'F'.repeat(40))).toBeUndefined();
  });

  it('follows bootstrap, liveness and consensus events', () => {
    let facts: HeaderFacts = { ...emptyHeaderFacts(host, "127.0.0.1:9051"), fingerprint: FP };
    facts = reduceHeaderEvent(facts, parseEvent(replyOf('650 STATUS_CLIENT NOTICE BOOTSTRAP PROGRESS=45 TAG=loading_descriptors SUMMARY="Loading relay descriptors"\r\n')));
    expect(facts.bootstrap).toMatchObject({ progress: 45, summary: 'Loading relay descriptors' });
    facts = reduceHeaderEvent(facts, parseEvent(replyOf('650 NETWORK_LIVENESS DOWN\r\n')));
    expect(facts.liveness).toBe('down');
    facts = reduceHeaderEvent(facts, parseEvent(replyOf(`650+NS\r\n${NS_BODY.replace(/\n/g, '\r\n')}\r\n.\r\n650 OK\r\n`)));
    expect(facts.flags).toContain('Guard');
    facts = reduceHeaderEvent(facts, parseEvent(replyOf('650+NEWCONSENSUS\r\nr other AAAAAAAAAAAAAAAAAAAAAAAAAAA BBBBBBBBBBBBBBBBBBBBBBBBBBB 2038-01-01 00:00:00 1.2.3.4 9001 0\r\ns Running Valid\r\n.\r\n650 OK\r\n')));
    expect(facts.flags).toEqual([]);
  });
});
