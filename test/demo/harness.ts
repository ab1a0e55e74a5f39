// Shared set-up for demo relay tests: a demo relay on a ManualClock and a real Controller attached
// to it, recording every event it receives (parsed and raw). Test-only; never sleeps on wall time.

import { ManualClock } from '../../src/controller/clock.js';
import { Controller } from '../../src/controller/index.js';
import type { DemoTor, DemoTorOptions } from '../../src/demo/index.js';
import { createDemoTor } from '../../src/demo/index.js';
import type { TorEvent } from '../../src/protocol/events/index.js';
import type { Reply } from '../../src/protocol/reply.js';
import { settle } from '../helpers/fake-tor.js';

/** 18:00 UTC: traffic is near its evening peak. */
export const DEMO_START_MS = Date.UTC(2026, 10, 27, 18, 0, 0);

export interface ReceivedEvent {
  readonly type: string;
  readonly event: TorEvent;
  /** The event as tor sent it: its lines joined with "\n", data blocks after their line, without a closing "OK". */
  readonly raw: string;
  readonly atMs: number;
}

export interface DemoHarness {
  readonly clock: ManualClock;
  readonly demo: DemoTor;
  readonly controller: Controller;
  readonly received: ReceivedEvent[];
}

export function rawOf(reply: Reply): string {
  const lines = reply.lines.length > 1 && reply.lines.at(-1)!.text === 'OK' ? reply.lines.slice(0, -1) : reply.lines;
  return lines.map((l) => (l.data === undefined ? l.text : `${l.text}\n${l.data}`)).join('\n');
}

export async function openDemo(
  options: Partial<Omit<DemoTorOptions, 'clock'>> & { readonly events?: readonly string[]; readonly startMs?: number } = {},
): Promise<DemoHarness> {
  const clock = new ManualClock(options.startMs ?? DEMO_START_MS);
  const demo = createDemoTor({ ...options, clock });
  const controller = new Controller({ openTransport: demo.openTransport, clock, reconnect: false });
  await controller.open();
  const received: ReceivedEvent[] = [];
  for (const type of options.events ?? []) {
    controller.on(type, (event, reply) => received.push({ type, event, raw: rawOf(reply), atMs: clock.nowMs() }));
  }
  await controller.syncEvents();
  await settle();
  return { clock, demo, controller, received };
}

/** Moves the clock in steps, letting deliveries and the controller run after each. */
export async function advance(clock: ManualClock, ms: number, stepMs = 1000): Promise<void> {
  for (let done = 0; done < ms; done += stepMs) {
    clock.advance(Math.min(stepMs, ms - done));
    await settle();
  }
}
