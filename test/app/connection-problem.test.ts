// The few words the header banner gives for each way of losing tor.
import { describe, expect, it } from 'vitest';
import { describeConnectionProblem } from '../../src/app/session/connection-problem.js';
import { ConfiguredPasswordRejected } from '../../src/app/shell/password-prompt.js';
import {
  ConnectionClosedError,
  CookieUnreadableError,
  NotTorError,
  PasswordRequiredError,
  ServerHashMismatchError,
  UnresponsiveError,
  WrongPasswordError,
} from '../../src/controller/index.js';
import { NoControlPortError, NothingListeningError, SocketPermissionError } from '../../src/transport/index.js';

const text = (e: Error) => describeConnectionProblem(e)?.text;

describe('describeConnectionProblem', () => {
  it('names what happened to the connection', () => {
    expect(text(new ConnectionClosedError('tor closed the control connection at 127.0.0.1:9051'))).toBe('connection lost');
    expect(text(new UnresponsiveError('GETINFO', 30_000, '127.0.0.1:9051'))).toBe('tor stopped answering');
    expect(text(new ConnectionClosedError('x', new UnresponsiveError('GETINFO', 30_000, 'a')))).toBe('tor stopped answering');
    expect(text(new NothingListeningError('127.0.0.1:9051', 'ECONNREFUSED', false))).toBe('nothing listening');
    const tcp = { kind: 'tcp', host: '127.0.0.1', port: 9051 } as const;
    const sock = { kind: 'unix', path: '/run/tor/control' } as const;
    expect(text(new NoControlPortError([{ target: tcp, error: new NothingListeningError('127.0.0.1:9051', 'ECONNREFUSED', false) }]))).toBe('nothing listening');
    expect(text(new NoControlPortError([{ target: sock, error: new SocketPermissionError('/run/tor/control', 'EACCES') }]))).toBe('permission denied');
  });

  it('tells a silent listener (a stopped tor) from something that is not tor', () => {
    expect(text(new NotTorError('127.0.0.1:9051', 'no reply', true))).toBe('tor not answering');
    expect(text(new NotTorError('127.0.0.1:9051', 'it answered "HTTP/1.1 400"'))).toBe('not a tor control port');
  });

  it('says what r does for password problems', () => {
    expect(describeConnectionProblem(new WrongPasswordError('127.0.0.1:9051', '515 Authentication failed'))).toEqual({ text: 'password rejected', manualAction: 'enter the password' });
    expect(describeConnectionProblem(new PasswordRequiredError('a', undefined, 'the prompt failed', new Error('password prompt cancelled')))).toEqual({ text: 'password needed', manualAction: 'enter the password' });
    expect(text(new PasswordRequiredError('a', undefined, 'x', new ConfiguredPasswordRejected()))).toBe('ORTOP_PASSWORD rejected');
    expect(text(new CookieUnreadableError('/run/tor/control.authcookie', 'EACCES', 'permission denied'))).toBe('cookie file unreadable');
    expect(text(new ServerHashMismatchError('a', 'f'))).toBe('cookie does not match this tor');
  });

  it('has nothing to add for other errors', () => {
    expect(describeConnectionProblem(new Error('something else'))).toBeUndefined();
  });
});
