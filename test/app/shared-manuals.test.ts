// Several relays on one tor version share one read and one index of tor's manual.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SharedManuals } from '../../src/app/session/shared-manuals.js';

const FIXTURE = readFileSync(new URL('../system/manual/fixtures/sample-tor.1', import.meta.url), 'utf8');

describe('SharedManuals', () => {
  it('loads a tor version once for every relay asking, and another version on its own', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ortop-shared-manual-'));
    const manualPath = join(root, 'tor.1');
    writeFileSync(manualPath, FIXTURE);
    const manuals = new SharedManuals();
    const options = { manualPath, cacheDir: null, bundledManual: null };
    const asks = await Promise.all(Array.from({ length: 20 }, () => manuals.get({ ...options, torVersion: '0.4.9.11' })));
    expect(new Set(asks).size).toBe(1);
    expect(asks[0]!.load.kind).not.toBe('missing');
    expect(asks[0]!.index?.size).toBeGreaterThan(0);
    const other = await manuals.get({ ...options, torVersion: '0.4.8.1' });
    expect(other).not.toBe(asks[0]);
    expect(other.index?.size).toBe(asks[0]!.index?.size);
  });
});
