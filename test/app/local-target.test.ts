import { describe, expect, it } from 'vitest';
import { isLocalTarget } from '../../src/app/shell/main.js';
import { NOT_LOCAL_PROC_FS, sampleProcess } from '../../src/system/index.js';

describe('is tor a process on this machine?', () => {
  it('yes for a unix socket or a loopback address, no for another host', () => {
    expect(isLocalTarget({ kind: 'unix', path: '/run/tor/control' })).toBe(true);
    expect(isLocalTarget({ kind: 'tcp', host: '127.0.0.1', port: 9051 })).toBe(true);
    expect(isLocalTarget({ kind: 'tcp', host: '::1', port: 9051 })).toBe(true);
    expect(isLocalTarget({ kind: 'tcp', host: '[::1]', port: 9051 })).toBe(true);
    expect(isLocalTarget({ kind: 'tcp', host: '10.0.0.5', port: 9051 })).toBe(false);
  });

  it('for a tor elsewhere, /proc reads say so instead of showing an unrelated local process', async () => {
    expect(await sampleProcess(NOT_LOCAL_PROC_FS, process.pid, 0)).toEqual({ kind: 'unavailable', pid: process.pid, reason: 'tor is not a process on this machine' });
  });
});
