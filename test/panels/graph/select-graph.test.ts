import { describe, expect, it } from 'vitest';
import { graphPanelHeight, selectGraphLines, STACK_BELOW_COLS } from '../../../panels/graph/index.js';
import type { Line } from '../../../src/terminal/theme.js';
import { accountingModel, emptyModel, input, spikeModel, steadyModel } from './graph-fixtures.js';

const text = (lines: Line[]) => lines.map((l) => l.map((s) => s.text).join(''));

describe('selectGraphLines', () => {
  it('clips one absurd spike visibly but keeps its real value in the totals (Nyx #72)', () => {
    const model = spikeModel();
    const lines = selectGraphLines(input(model), 160, 12);
    const rows = text(lines);
    expect(rows[0]).toContain('spike clipped: 4 GB/s');
    // The y axis stays at the scale of the real traffic…
    expect(rows[2]).toMatch(/^\s*1\.\d MB /);
    // …and the spike's bar is marked at the top in red.
    const marker = lines[2]!.find((s) => s.text.includes('▲'));
    expect(marker?.style).toEqual({ fg: 'red', bold: true });
    expect(model.totalReadBytes).toBeGreaterThan(84e9);
  });

  it('puts the graphs side by side, stacked below 60 columns', () => {
    const wide = text(selectGraphLines(input(steadyModel()), 100, 30));
    expect(wide[1]).toMatch(/^Download \(.*Upload \(/);
    const narrow = text(selectGraphLines(input(steadyModel()), STACK_BELOW_COLS - 1, 30));
    expect(narrow[1]).toMatch(/^Download \(/);
    expect(narrow[1]).not.toContain('Upload');
    expect(narrow.findIndex((r) => r.startsWith('Upload ('))).toBe(1 + 7 + 2);
    expect(graphPanelHeight(input(steadyModel()), 100)).toBe(10);
    expect(graphPanelHeight(input(steadyModel()), 50)).toBe(19);
  });

  it('labels the x-axes of both halves alike at every width (one column more on the right adds no label)', () => {
    for (const width of [80, 81, 100, 120, 159, 160, 161, 200]) {
      const lines = text(selectGraphLines(input(steadyModel()), width, 12));
      const axis = lines.find((l) => /\b10s\b/.test(l))!;
      const half = Math.floor(width / 2);
      const labels = (part: string) => part.trim().split(/\s+/);
      expect(labels(axis.slice(half)), `width ${width}`).toEqual(labels(axis.slice(0, half)));
    }
  });

  it('gives fewer bar rows when short of height, and nothing for the "none" stat', () => {
    expect(selectGraphLines(input(steadyModel()), 100, 6)).toHaveLength(6);
    expect(text(selectGraphLines(input(steadyModel()), 100, 6))[5]).toMatch(/10s/);
    expect(selectGraphLines(input(steadyModel(), { stat: 'none' }), 100, 20)).toEqual([]);
    expect(graphPanelHeight(input(steadyModel(), { stat: 'none' }), 100)).toBe(0);
  });

  it('shows current, average (over tor\'s uptime) and total, in bits when asked', () => {
    const rows = text(selectGraphLines(input(steadyModel(), {}, { bits: true }), 160, 12));
    expect(rows[1]).toMatch(/Download \(\d+(\.\d)? Mb\/s - avg: [\d.]+ Mb\/s, total: 75 GB\):/);
    expect(rows[0]).toContain('limit: 42 Mb/s, burst: 84 Mb/s, observed: 18 Mb/s, 3 h old');
  });

  it("says when the observed figure is not published yet, or just was", () => {
    const model = steadyModel();
    model.observed = { bytesPerSec: 1024, publishedAtMs: 0, source: 'fresh' };
    expect(text(selectGraphLines(input(model), 160, 12))[0]).toContain('observed: 1 KB/s, not published):');
    model.observed = { bytesPerSec: 1024, publishedAtMs: input(model).nowMs - 2000, source: 'published' };
    expect(text(selectGraphLines(input(model), 160, 12))[0]).toContain('observed: 1 KB/s, just published):');
  });

  it('bounds: global max, local max and tight differ in their axis', () => {
    const model = steadyModel();
    const top = (bound: 'global_max' | 'local_max' | 'tight') => text(selectGraphLines(input(model, { bound }), 80, 12))[2]!.slice(0, 7).trim();
    const bottom = (bound: 'global_max' | 'local_max' | 'tight') => text(selectGraphLines(input(model, { bound }), 80, 12))[8]!.slice(0, 7).trim();
    expect(Number.parseFloat(top('global_max'))).toBeGreaterThanOrEqual(Number.parseFloat(top('local_max')));
    expect(bottom('local_max')).toBe('0 B');
    expect(bottom('tight')).not.toBe('0 B');
  });

  it('draws accounting rows under the graph', () => {
    const rows = text(selectGraphLines(input(accountingModel()), 100, 20));
    expect(rows).toHaveLength(12);
    expect(rows[10]).toBe('Accounting (soft)   Time to reset: 2d 03:04:05');
    expect(rows[11]).toMatch(/^ {2}9\.2 GB \/ 10 GB\s+8\.7 GB \/ 10 GB$/);
    expect(text(selectGraphLines(input(accountingModel(), {}, { showAccounting: false }), 100, 20))).toHaveLength(10);
  });

  it('uses ASCII without unicode', () => {
    const rows = text(selectGraphLines(input(steadyModel(), {}, { unicode: false }), 80, 12)).join('\n');
    expect(rows).toContain('#');
    expect(rows).not.toMatch(/[▁-█▲·]/);
  });

  it('shows the newest sample at the left, with "time ago" labels', () => {
    const model = emptyModel();
    for (let i = 0; i < 20; i++) model.recordSecond({ readBytes: i < 19 ? 0 : 5e6, writtenBytes: 0 }, i * 1000);
    const rows = text(selectGraphLines(input(model), 80, 12));
    expect(rows[2]).toMatch(/^\s*[\d.]+ MB █ *$/);
    expect(rows[9]).toMatch(/^\s+5s\s+10s\s+15s/);
  });
});
