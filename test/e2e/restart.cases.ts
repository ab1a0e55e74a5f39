// Kill the exit relay's tor and start it again: ortop shows the disconnected banner while keeping the
// header facts, reconnects by itself (no key pressed) to the new process, and keeps its graph history.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAppOnNode, waitFor, type AppOnNode, type E2EContext } from './harness.js';

/** Columns of the download graph (left half) that have a bar in any row. */
export function downloadBarColumns(frame: string): number {
  const rows = frame.split('\n');
  const top = rows.findIndex((r) => r.startsWith('Download ('));
  if (top < 0) return 0;
  const split = rows[top]!.indexOf('Upload (');
  const columns = new Set<number>();
  for (const row of rows.slice(top + 1, top + 12)) {
    [...row].forEach((ch, x) => {
      if ((split < 0 || x < split) && /[▁▂▃▄▅▆▇█]/.test(ch)) columns.add(x);
    });
  }
  return columns.size;
}

export function restartCases(ctx: E2EContext): void {
  let ortop: AppOnNode;
  beforeAll(async () => {
    ortop = await startAppOnNode(ctx.net.exit, { cols: 120, rows: 40 });
  });
  afterAll(async () => {
    await ortop?.stop();
  });

  it('shows the disconnected banner, keeps the header, reconnects by itself to the new tor and keeps the graph', async () => {
    const exit = ctx.net.exit;
    const oldPid = exit.tor.pid;
    const before = await waitFor('header and a few seconds of graph before the kill', async () => {
      const f = await ortop.frame();
      const ready = f.includes(`fingerprint: ${exit.fingerprint}`) && /^flags: .*Exit/m.test(f) && downloadBarColumns(f) >= 3;
      return ready ? f : undefined;
    }, 30_000, () => ortop.frame());
    const barsBefore = downloadBarColumns(before);

    await exit.tor.kill('SIGKILL');
    const down = await waitFor('the disconnected banner', async () => {
      const f = await ortop.frame();
      return f.includes('Tor Disconnected at') ? f : undefined;
    }, 10_000, () => ortop.frame());
    // The banner takes the nickname row; what ortop learned stays on screen.
    expect(down).toContain(`fingerprint: ${exit.fingerprint}`);
    expect(down).toMatch(/^flags: .*Exit/m);
    expect(down).toContain(`pid: ${oldPid}`);
    expect(ortop.controller.state).not.toBe('connected');

    await exit.tor.restart();
    expect(exit.tor.pid).not.toBe(oldPid);
    const up = await waitFor('ortop attached to the restarted tor', async () => {
      const f = await ortop.frame();
      return ortop.controller.state === 'connected' && !f.includes('Disconnected') && f.includes(`pid: ${exit.tor.pid}`) ? f : undefined;
    }, 20_000, () => ortop.frame());
    expect(up).toContain(`exit1 - 127.0.0.1:${exit.orPort}`);
    expect(up).toContain(`fingerprint: ${exit.fingerprint}`);
    expect(up).toMatch(/^flags: .*Exit/m);
    expect(downloadBarColumns(up), `graph history kept across the restart\n--- before ---\n${before}\n--- after ---\n${up}`).toBeGreaterThanOrEqual(barsBefore);
  }, 60_000);
}
