// `ortop --snapshot text --page NAME` (the built CLI, as users run it) against relay1 gives the frame
// the TUI shows on that page at the same size: every page, rendered at the same moment, compared on
// the rows that do not depend on the second they were drawn.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { PAGE_ORDER } from '../../src/app/pages/pages.js';
import { comparableRows } from './frames.js';
import { runCli, startAppOnNode, type AppOnNode, type E2EContext } from './harness.js';

const COLS = 120;
const ROWS = 40;
const WAIT_S = 1.5;

export function snapshotCases(ctx: E2EContext): void {
  let tui: AppOnNode;
  beforeAll(async () => {
    tui = await startAppOnNode(ctx.net.node('relay1'), { cols: COLS, rows: ROWS });
  });
  afterAll(async () => {
    await tui?.stop();
  });

  /** The CLI's snapshot of `page` and the TUI switched to it by its number key, drawn after the same wait. */
  async function renderBoth(page: string, index: number): Promise<{ snapshot: string; frame: string }> {
    const relay = ctx.net.node('relay1');
    const [cli, frame] = await Promise.all([
      runCli(['-i', String(relay.tor.controlPort), '--snapshot', 'text', '--page', page, '--size', `${COLS}x${ROWS}`, '--wait', String(WAIT_S)]),
      (async () => {
        await tui.type(String(index + 1));
        await new Promise((resolve) => setTimeout(resolve, WAIT_S * 1000));
        return tui.frame();
      })(),
    ]);
    expect(cli.stderr, `${page}: stderr`).toBe('');
    expect(cli.code, `${page}: exit code`).toBe(0);
    return { snapshot: cli.stdout.replace(/\n$/, ''), frame };
  }

  it('prints, for every page, the frame the TUI shows on that page', async () => {
    const relay = ctx.net.node('relay1');
    for (const [index, page] of PAGE_ORDER.entries()) {
      // tor's state may change between the two renders (a new consensus every 10 s): one retry.
      for (let attempt = 1; ; attempt++) {
        const { snapshot, frame } = await renderBoth(page, index);
        expect(snapshot.split('\n'), `${page}: ${ROWS} rows`).toHaveLength(ROWS);
        expect(snapshot).toContain(`page ${index + 1} / ${PAGE_ORDER.length}`);
        expect(snapshot).toContain(`relay1 - 127.0.0.1:${relay.orPort}`);
        const headerRows = frame.split('\n').findIndex((r) => r.startsWith('exit policy:')) + 1;
        expect(headerRows, `${page}: header found in\n${frame}`).toBeGreaterThan(3);
        const fromCli = comparableRows(snapshot, page, headerRows);
        const fromTui = comparableRows(frame, page, headerRows);
        if (JSON.stringify(fromCli) === JSON.stringify(fromTui)) break;
        if (attempt === 2) expect(fromCli, `${page}: CLI snapshot vs TUI\n--- snapshot ---\n${snapshot}\n--- TUI ---\n${frame}`).toEqual(fromTui);
      }
    }
  }, 90_000);
}
