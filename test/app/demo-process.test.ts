// The demo relay looks like a relay in the header: a simulated pid (not ortop's), cpu, memory and
// file descriptors from its simulated process, while nothing of tor's is read from this machine.
import { afterEach, describe, expect, it } from 'vitest';
import { HeaderCollector } from '../../src/app/session/header-collector.js';
import { openDemoController, simulatedProcFs } from '../../src/app/session/demo-controller.js';
import { ManualClock, type Controller } from '../../src/controller/index.js';
import { NOT_LOCAL_PROC_FS } from '../../src/system/index.js';
import { settle } from '../helpers/fake-tor.js';

let stops: Array<() => void> = [];
afterEach(() => {
  stops.forEach((s) => s());
  stops = [];
});

async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await settle();
}

describe('the demo relay as a process', () => {
  it('has plausible cpu, memory and fd figures, and a pid that is not ortop\'s', async () => {
    const clock = new ManualClock(1_800_000_000_000);
    const { controller } = await openDemoController({ clock, seed: 5 });
    const collector = new HeaderCollector({ controller, clock, procFs: NOT_LOCAL_PROC_FS, target: 'demo relay', onChange: () => {}, host: { hostname: 'box', osName: 'Linux', osRelease: '6.1' } });
    collector.start();
    stops.push(() => collector.stop(), () => controller.close());
    await flush();
    const cpu: number[] = [];
    for (let s = 0; s < 20; s++) {
      clock.advance(1000);
      await flush();
      cpu.push(collector.facts.tor?.cpuPercent ?? -1);
    }
    const facts = collector.facts;
    expect(facts.pid).toBeGreaterThan(0);
    expect(facts.pid).not.toBe(process.pid);
    // A busy relay's share of one core, changing from second to second (no pairs of equal bars).
    for (const c of cpu.slice(2)) {
      expect(c).toBeGreaterThan(2);
      expect(c).toBeLessThan(30);
    }
    expect(new Set(cpu.slice(2).map((c) => c.toFixed(1))).size).toBeGreaterThan(4);
    expect(facts.tor?.rssBytes).toBeGreaterThan(300 * 1024 * 1024);
    expect(facts.tor?.rssBytes).toBeLessThan(600 * 1024 * 1024);
    expect(facts.tor?.memPercent).toBeGreaterThan(3);
    expect(facts.fdUsed).toBeGreaterThan(38);
  });

  it('answers only the paths the header samples: tor\'s files stay "not on this machine"', async () => {
    const clock = new ManualClock(1_800_000_000_000);
    const { controller, demo } = await openDemoController({ clock, seed: 5 });
    stops.push(() => controller.close());
    const fs = simulatedProcFs(controller)!;
    expect(await fs.readText(`/proc/${demo.pid}/stat`)).toMatch(new RegExp(`^${demo.pid} \\(tor\\) S `));
    for (const path of ['/etc/tor/torrc', `/proc/${demo.pid}/cmdline`, '/var/lib/tor/state', '/proc/net/tcp']) {
      await expect(fs.readText(path)).rejects.toMatchObject({ code: 'ENOTLOCAL' });
    }
    await expect(fs.listDir('/proc')).rejects.toMatchObject({ code: 'ENOTLOCAL' });
    // A real tor's controller has no simulated process.
    expect(simulatedProcFs({} as Controller)).toBeUndefined();
  });
});
