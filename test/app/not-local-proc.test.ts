import { describe, expect, it } from 'vitest';
import { NOT_LOCAL_PROC_FS, sampleProcess } from '../../src/system/index.js';

describe('a tor elsewhere', () => {
  it('for a tor elsewhere, /proc reads say so instead of showing an unrelated local process', async () => {
    expect(await sampleProcess(NOT_LOCAL_PROC_FS, process.pid, 0)).toEqual({ kind: 'unavailable', pid: process.pid, reason: 'tor is not a process on this machine' });
  });
});
