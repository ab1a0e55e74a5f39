// --metrics-listen's address rules and the headless runner's rate limit on tor's messages.
import { describe, expect, it } from 'vitest';
import { isLoopback, LineLimiter, metricsOptionsOf, parseMetricsListen } from '../../src/app/shell/run-headless.js';
import { OptionError } from '../../src/app/shell/options.js';

describe('parseMetricsListen', () => {
  it('defaults to 127.0.0.1 and takes loopback addresses as they are', () => {
    expect(parseMetricsListen('9099', false)).toEqual({ host: '127.0.0.1', port: 9099, remote: false });
    expect(parseMetricsListen(':9099', false)).toEqual({ host: '127.0.0.1', port: 9099, remote: false });
    expect(parseMetricsListen('127.0.0.2:9099', false)).toEqual({ host: '127.0.0.2', port: 9099, remote: false });
    expect(parseMetricsListen('[::1]:9099', false)).toEqual({ host: '::1', port: 9099, remote: false });
    expect(parseMetricsListen('localhost:9099', false)).toEqual({ host: '127.0.0.1', port: 9099, remote: false });
  });

  it('refuses any other address unless remote access is allowed, and then marks it remote', () => {
    for (const a of ['0.0.0.0:9099', '192.0.2.1:9099', '[::]:9099', '[::ffff:192.0.2.1]:9099']) {
      expect(() => parseMetricsListen(a, false), a).toThrow(/not a loopback address.*--metrics-allow-remote/);
      expect(parseMetricsListen(a, true).remote, a).toBe(true);
    }
  });

  it('knows loopback when it sees it', () => {
    expect(['127.0.0.1', '127.255.0.9', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '128.0.0.1', '::', '::2', '10.0.0.1'].some(isLoopback)).toBe(false);
  });

  it('checks the flags together', () => {
    expect(metricsOptionsOf({})).toBeUndefined();
    expect(metricsOptionsOf({ headless: true, metricsListen: '9099' })).toEqual({ host: '127.0.0.1', port: 9099, remote: false });
    expect(() => metricsOptionsOf({ headless: true })).toThrow(OptionError);
    expect(() => metricsOptionsOf({ metricsAllowRemote: true })).toThrow(OptionError);
    expect(() => metricsOptionsOf({ metricsListen: '9099', snapshot: 'text' })).toThrow(OptionError);
  });
});

describe('LineLimiter', () => {
  it('lets `max` lines through per window and counts what it held back on the next line', () => {
    let now = 0;
    const limiter = new LineLimiter(3, 60_000, () => now);
    expect([1, 2, 3, 4, 5].map(() => limiter.take().kind)).toEqual(['print', 'print', 'print', 'drop', 'drop']);
    now = 60_000;
    expect(limiter.take()).toEqual({ kind: 'print', dropped: 2 });
    expect(limiter.take()).toEqual({ kind: 'print', dropped: 0 });
  });
});
