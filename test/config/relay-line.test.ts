// `relay NAME ADDRESS|SOCKET [password_file=PATH]` lines in ortop's config file: what is accepted,
// and a line that cannot be used is named with the reason while the others stay.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, HONOURED_KEYS, parseConfig, parseRelayLine } from '../../src/config/index.js';
import { configRelayTarget } from '../../src/app/shell/config-relays.js';

describe('relay lines', () => {
  it('accept a port, an address, IPv6, a socket path and ssh://, with an optional password file', () => {
    expect(parseRelayLine('exit1 9051', 3)).toEqual({ name: 'exit1', address: '9051', line: 3 });
    expect(parseRelayLine('exit1   127.0.0.1:9051', 3)).toEqual({ name: 'exit1', address: '127.0.0.1:9051', line: 3 });
    expect(parseRelayLine('v6 [::1]:9051', 1)).toMatchObject({ address: '[::1]:9051' });
    expect(parseRelayLine('guard /run/tor-instances/guard/control password_file=/etc/ortop/guard.pass', 1)).toEqual({
      name: 'guard',
      address: '/run/tor-instances/guard/control',
      passwordFile: '/etc/ortop/guard.pass',
      line: 1,
    });
    expect(parseRelayLine('far ssh://relay@far.example/run/tor/control', 1)).toMatchObject({ address: 'ssh://relay@far.example/run/tor/control' });
  });

  it('refuse what cannot be a relay, saying why', () => {
    expect(parseRelayLine('lonely', 1)).toMatch(/expected "relay NAME ADDRESS/);
    expect(parseRelayLine('"bad name" 9051', 1)).toMatch(/is not a usable name/);
    expect(parseRelayLine('x\u001b[2J 9051', 1)).toMatch(/is not a usable name/);
    expect(parseRelayLine('ok relative/control', 1)).toMatch(/is not a control address/);
    expect(parseRelayLine('ok 9051 password_file=relative', 1)).toMatch(/only password_file=\/ABSOLUTE\/PATH/);
    expect(parseRelayLine('ok 9051 password_file=/a password_file=/b', 1)).toBe('password_file is given twice');
  });

  it('are collected in order by parseConfig; a bad or repeated one is warned about and left out', () => {
    const { settings, warnings } = parseConfig('relay a 9051\nrelay b /run/b/control\nrelay a 9052\nrelay c\nshow_bits true\n');
    expect(settings.relays).toEqual([
      { name: 'a', address: '9051', line: 1 },
      { name: 'b', address: '/run/b/control', line: 2 },
    ]);
    expect(settings.showBits).toBe(true);
    expect(warnings.map((w) => w.message)).toEqual([
      'line 3: relay: the name "a" is already used on line 1; this relay is left out',
      'line 4: relay: expected "relay NAME ADDRESS|SOCKET [password_file=PATH]", e.g. relay exit1 127.0.0.1:9051; this relay is left out',
    ]);
    expect(parseConfig('').settings.relays).toEqual(DEFAULT_SETTINGS.relays);
    expect(HONOURED_KEYS).toContain('relay');
  });

  it('become control targets; an address the option parser refuses is named with its line', () => {
    expect(configRelayTarget({ name: 'a', address: '9051', line: 1 })).toEqual({ kind: 'target', target: { name: 'a', targets: [{ kind: 'tcp', host: '127.0.0.1', port: 9051 }] } });
    expect(configRelayTarget({ name: 'b', address: '/run/b/control', passwordFile: '/p', line: 2 })).toEqual({
      kind: 'target',
      target: { name: 'b', targets: [{ kind: 'unix', path: '/run/b/control' }], passwordFile: '/p' },
    });
    expect(configRelayTarget({ name: 'c', address: '70000', line: 5 })).toEqual({ kind: 'problem', problem: 'config line 5: relay c: port 70000 is out of range (1-65535); left out' });
  });
});
