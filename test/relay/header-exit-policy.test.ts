import { describe, expect, it } from 'vitest';
import { exitPolicyFromConf, exitPolicyFromFull, selectHeaderExitPolicy, TOR_DEFAULT_EXIT_POLICY } from '../../src/relay/header-exit-policy.js';

const texts = (p: ReturnType<typeof exitPolicyFromFull>) => p?.rules.map((r) => r.text);
const PRIVATE_EXPANDED = [
  'reject 0.0.0.0/8:*', 'reject 169.254.0.0/16:*', 'reject 127.0.0.0/8:*', 'reject 192.168.0.0/16:*', 'reject 10.0.0.0/8:*', 'reject 172.16.0.0/12:*',
  'reject6 [fc00::]/7:*', 'reject6 [fe80::]/10:*',
];
const DEFAULT_LINES = TOR_DEFAULT_EXIT_POLICY.split(',');

describe('exitPolicyFromFull (GETINFO exit-policy/full)', () => {
  it('keeps a loopback exit as written instead of "reject all"', () => {
    const p = exitPolicyFromFull('reject6 *:*\naccept 127.0.0.0/8:*\nreject *:*');
    expect(texts(p)).toEqual(['accept 127.0.0.0/8:*', 'reject *:*']);
    expect(p?.rules.map((r) => r.action)).toEqual(['accept', 'reject']);
    expect(p?.tail).toBeUndefined();
  });

  it('keeps a subnet rule and folds the private networks, our own address and the default policy', () => {
    const full = [...PRIVATE_EXPANDED, 'reject 198.51.100.7:*', 'accept 1.2.3.0/24:443', ...DEFAULT_LINES].join('\n');
    const p = exitPolicyFromFull(full, { ownAddresses: ['198.51.100.7'] });
    expect(texts(p)).toEqual(['accept 1.2.3.0/24:443']);
    expect(p?.tail).toBe('default');
  });

  it('recognises the default policy written once per address family', () => {
    const doubled = DEFAULT_LINES.flatMap((l) => [l.replace('*:', '*4:'), l.replace('*:', '*6:')]);
    const p = exitPolicyFromFull(['accept *:80', ...doubled].join('\n'));
    expect(texts(p)).toEqual(['accept *:80']);
    expect(p?.tail).toBe('default');
  });

  it('does not take a policy that only ends like the default for the default', () => {
    const p = exitPolicyFromFull('reject *:6881-6999\naccept *:*');
    expect(texts(p)).toEqual(['reject *:6881-6999', 'accept *:*']);
    expect(p?.tail).toBeUndefined();
  });

  it('a non-exit stays "reject *:*"; a reject of a private net on some ports is the operator\'s', () => {
    expect(texts(exitPolicyFromFull('reject *:*'))).toEqual(['reject *:*']);
    expect(texts(exitPolicyFromFull('reject 10.0.0.0/8:22\nreject *:*'))).toEqual(['reject 10.0.0.0/8:22', 'reject *:*']);
  });

  it('uses the default policy tor reports when it differs from 0.4.9\'s', () => {
    const p = exitPolicyFromFull('accept *:443\nreject *:25\naccept *:*', { defaultPolicy: 'reject *:25,accept *:*' });
    expect(texts(p)).toEqual(['accept *:443']);
    expect(p?.tail).toBe('default');
  });

  it('gives up on text that is not a policy', () => {
    expect(exitPolicyFromFull('accept everything\nreject *:*')).toBeUndefined();
  });
});

describe('exitPolicyFromConf (GETCONF, while tor has no descriptor)', () => {
  it('reads the rules the operator wrote, comma separated or one per line', () => {
    const p = exitPolicyFromConf({ exitPolicy: ['accept 127.0.0.0/8:*, reject *:*'], exitRelay: '1', reducedExitPolicy: '0' });
    expect(texts(p)).toEqual(['accept 127.0.0.0/8:*', 'reject *:*']);
    expect(p?.tail).toBeUndefined();
    const lines = exitPolicyFromConf({ exitPolicy: ['reject private:*', 'accept *:443'], exitRelay: 'auto', reducedExitPolicy: '0' });
    expect(texts(lines)).toEqual(['accept *:443']);
    expect(lines?.tail).toBe('default');
  });

  it('follows tor: ExitRelay 0, or auto without a policy, is not an exit; ReducedExitPolicy is its own tail', () => {
    expect(texts(exitPolicyFromConf({ exitPolicy: ['accept *:*'], exitRelay: '0', reducedExitPolicy: '0' }))).toEqual(['reject *:*']);
    expect(texts(exitPolicyFromConf({ exitPolicy: [], exitRelay: 'auto', reducedExitPolicy: '0' }))).toEqual(['reject *:*']);
    expect(exitPolicyFromConf({ exitPolicy: [], exitRelay: '1', reducedExitPolicy: '1' })).toEqual({ rules: [], tail: 'reduced' });
    expect(exitPolicyFromConf({ exitPolicy: [], exitRelay: '1', reducedExitPolicy: '0' })).toEqual({ rules: [], tail: 'default' });
  });
});

describe('selectHeaderExitPolicy', () => {
  const conf = { exitPolicy: ['accept *:22'], exitRelay: '1', reducedExitPolicy: '0' };
  it('prefers tor\'s full policy and falls back to the config', () => {
    expect(texts(selectHeaderExitPolicy({ full: 'accept *:80\nreject *:*', defaultPolicy: undefined, conf, ownAddresses: [] }))).toEqual(['accept *:80', 'reject *:*']);
    expect(texts(selectHeaderExitPolicy({ full: undefined, defaultPolicy: undefined, conf, ownAddresses: [] }))).toEqual(['accept *:22']);
    expect(texts(selectHeaderExitPolicy({ full: 'garbage', defaultPolicy: undefined, conf, ownAddresses: [] }))).toEqual(['accept *:22']);
    expect(selectHeaderExitPolicy({ full: undefined, defaultPolicy: undefined, conf: undefined, ownAddresses: [] })).toBeUndefined();
  });
});
