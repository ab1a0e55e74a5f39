// --ssh and `relay NAME ssh://…` targets, the ssh command lines ortop runs, and ssh's reasons picked
// from its stderr: pure, no ssh started.
import { describe, expect, it } from 'vitest';
import {
  buildCatArgs,
  buildTunnelArgs,
  describeSshTarget,
  forwardSpec,
  parseSshTarget,
  shellQuote,
  sshFailureReason,
  SshTargetError,
  SshTunnelError,
} from '../../src/transport/index.js';
import { describeConnectionProblem } from '../../src/app/session/connection-problem.js';
import { ConnectionClosedError } from '../../src/controller/index.js';

describe('parseSshTarget', () => {
  it('reads [user@]host[:control]', () => {
    expect(parseSshTarget('relay1')).toEqual({ user: undefined, host: 'relay1', port: undefined, controls: [] });
    expect(parseSshTarget('op@relay1:/run/tor/control')).toEqual({ user: 'op', host: 'relay1', port: undefined, controls: [{ kind: 'unix', path: '/run/tor/control' }] });
    expect(parseSshTarget('relay1.example.org:9051').controls).toEqual([{ kind: 'tcp', host: '127.0.0.1', port: 9051 }]);
    expect(parseSshTarget('relay1:127.0.0.2:9052').controls).toEqual([{ kind: 'tcp', host: '127.0.0.2', port: 9052 }]);
    expect(parseSshTarget('op@[2001:db8::1]:9051')).toEqual({ user: 'op', host: '2001:db8::1', port: undefined, controls: [{ kind: 'tcp', host: '127.0.0.1', port: 9051 }] });
    expect(parseSshTarget('relay1:[::1]:9051').controls).toEqual([{ kind: 'tcp', host: '::1', port: 9051 }]);
  });

  it('reads ssh://user@host[:sshport]/control, the authority port being ssh\'s', () => {
    expect(parseSshTarget('ssh://op@relay1/run/tor/control')).toEqual({ user: 'op', host: 'relay1', port: undefined, controls: [{ kind: 'unix', path: '/run/tor/control' }] });
    expect(parseSshTarget('ssh://op@relay1:2222/run/tor/control')).toMatchObject({ port: 2222, controls: [{ kind: 'unix', path: '/run/tor/control' }] });
    expect(parseSshTarget('ssh://relay1/9051').controls).toEqual([{ kind: 'tcp', host: '127.0.0.1', port: 9051 }]);
    expect(parseSshTarget('ssh://relay1/127.0.0.1:9051').controls).toEqual([{ kind: 'tcp', host: '127.0.0.1', port: 9051 }]);
    expect(parseSshTarget('ssh://relay1').controls).toEqual([]);
    expect(parseSshTarget('ssh://relay1/').controls).toEqual([]);
    expect(parseSshTarget('ssh://op@[::1]:22/run/tor/control')).toMatchObject({ host: '::1', port: 22 });
  });

  it('writes a target back in the URL form it reads', () => {
    for (const text of ['ssh://op@relay1:2222/run/tor/control', 'ssh://relay1/127.0.0.1:9051', 'ssh://op@[::1]/run/tor/control', 'ssh://relay1']) {
      expect(describeSshTarget(parseSshTarget(text))).toBe(text);
      expect(parseSshTarget(describeSshTarget(parseSshTarget(text)))).toEqual(parseSshTarget(text));
    }
  });

  it('refuses what ssh would read as an option, and hostile or broken text, with the reason', () => {
    const bad: Array<[string, RegExp]> = [
      ['', /empty/],
      ['-oProxyCommand=touch /tmp/x', /spaces|not a host/],
      ['-oProxyCommand=x', /not a host name/],
      ['-l@host', /not a user name/],
      ['op@-host', /not a host name/],
      ['relay1\n', /control characters|spaces/],
      ['relay\x1b[31m', /control characters/],
      ['relay1:70000', /not a port/],
      ['relay1:/run/tor:control', /cannot contain ":"/],
      ['relay1:nonsense', /neither a socket path/],
      ['ssh://relay1:abc/run/tor/control', /not a port/],
      ['[::1', /without "\]"/],
      ['[relay1]:9051', /not an IPv6/],
      ["op'x@relay1", /not a user name/],
    ];
    for (const [text, why] of bad) {
      expect(() => parseSshTarget(text), JSON.stringify(text)).toThrow(SshTargetError);
      expect(() => parseSshTarget(text), JSON.stringify(text)).toThrow(why);
    }
  });
});

describe('the ssh command lines', () => {
  const target = parseSshTarget('ssh://op@relay1:2222/run/tor/control');

  it('the tunnel: batch mode, no command, the forward, the destination after --', () => {
    const args = buildTunnelArgs(target, [{ localSocket: '/run/user/1/ortop/s-0.sock', remote: target.controls[0]! }], '/run/user/1/ortop/s.ctl', { configFile: '/tmp/cfg' });
    expect(args.slice(0, 2)).toEqual(['-F', '/tmp/cfg']);
    for (const o of ['BatchMode=yes', 'ExitOnForwardFailure=yes', 'ServerAliveInterval=15', 'ControlMaster=yes', 'ControlPersist=no', 'ForwardAgent=no']) expect(args).toContain(o);
    expect(args).toContain('-N');
    expect(args.slice(-4)).toEqual(['-L', '/run/user/1/ortop/s-0.sock:/run/tor/control', '--', 'relay1']);
    expect(args.join(' ')).toContain('-p 2222 -l op');
  });

  it('forward specs for a socket, a port, an IPv6 address', () => {
    expect(forwardSpec({ localSocket: '/x.sock', remote: { kind: 'unix', path: '/run/tor/control' } })).toBe('/x.sock:/run/tor/control');
    expect(forwardSpec({ localSocket: '/x.sock', remote: { kind: 'tcp', host: '127.0.0.1', port: 9051 } })).toBe('/x.sock:127.0.0.1:9051');
    expect(forwardSpec({ localSocket: '/x.sock', remote: { kind: 'tcp', host: '::1', port: 9051 } })).toBe('/x.sock:[::1]:9051');
  });

  it('the cookie: one shell word, whatever quotes the path tor named holds', () => {
    const args = buildCatArgs(target, "/var/lib/tor/it's; rm -rf ~", '/c.ctl');
    expect(args.at(-1)).toBe(`cat -- '/var/lib/tor/it'\\''s; rm -rf ~'`);
    expect(args.slice(-3, -1)).toEqual(['--', 'relay1']);
    expect(args).toContain('ControlMaster=no');
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
  });
});

describe("ssh's own reason", () => {
  it('is the last line that is not chatter, user@host prefix dropped, escaped', () => {
    expect(sshFailureReason("Warning: Permanently added '[127.0.0.1]:2222' (ED25519) to the list of known hosts.\r\nop@127.0.0.1: Permission denied (publickey).\r\n", { code: 255, signal: null })).toBe(
      'Permission denied (publickey).',
    );
    expect(sshFailureReason('ssh: connect to host 127.0.0.1 port 2222: Connection refused\n', { code: 255, signal: null })).toBe('connect to host 127.0.0.1 port 2222: Connection refused');
    expect(sshFailureReason('Host key verification failed.\n', { code: 255, signal: null })).toBe('Host key verification failed.');
    expect(sshFailureReason('evil \x1b]2;title\x07 banner\n', { code: 255, signal: null })).toBe('evil \\x1b]2;title\\x07 banner');
    expect(sshFailureReason('', { code: 255, signal: null })).toBe('ssh exited with status 255 and said nothing');
    expect(sshFailureReason('', { code: null, signal: 'SIGKILL' })).toBe('ssh was ended by SIGKILL');
  });

  it('reaches the banner as "ssh to HOST lost: reason"; tor\'s trouble behind a live ssh stays tor\'s', () => {
    const lost = new SshTunnelError('ssh-lost', 'op@relay1', 'ssh://op@relay1/run/tor/control', 'Connection reset by 127.0.0.1 port 2222');
    expect(describeConnectionProblem(lost)).toEqual({ text: 'ssh to op@relay1 lost: Connection reset by 127.0.0.1 port 2222' });
    expect(describeConnectionProblem(new ConnectionClosedError('tor closed the control connection', lost))).toEqual({ text: 'ssh to op@relay1 lost: Connection reset by 127.0.0.1 port 2222' });
    const failed = new SshTunnelError('ssh-failed', 'relay1', 'ssh://relay1', 'Permission denied (publickey).');
    expect(describeConnectionProblem(failed)).toEqual({ text: 'ssh to relay1 lost: Permission denied (publickey)' });
    const noTor = new SshTunnelError('no-control', 'relay1', 'ssh://relay1/run/tor/control', 'ssh could not open it there');
    expect(describeConnectionProblem(noTor)).toEqual({ text: 'nothing listening' });
  });
});
