// Shared set-up for controller tests: a Controller over a FakeTor with a ManualClock.
// Test-only; no sockets, no wall time.

import { ManualClock } from '../../src/controller/clock.js';
import { Controller } from '../../src/controller/controller.js';
import type { ControllerOptions, ControllerWarning, StateChange } from '../../src/controller/types.js';
import { FakeTor, settle } from '../helpers/fake-tor.js';
import type { FakeTorOptions } from '../helpers/fake-tor.js';

export interface Harness {
  readonly tor: FakeTor;
  readonly clock: ManualClock;
  readonly controller: Controller;
  readonly states: StateChange[];
  readonly warnings: ControllerWarning[];
}

export type HarnessOptions = Partial<ControllerOptions> | ((tor: FakeTor) => Partial<ControllerOptions>);

/** A FakeTor and a not-yet-open Controller. Options may depend on the FakeTor (e.g. its readCookie). */
export function makeHarness(torOptions: FakeTorOptions = {}, options: HarnessOptions = {}): Harness {
  const tor = new FakeTor(torOptions);
  const clock = new ManualClock(1_000_000);
  const extra = typeof options === 'function' ? options(tor) : options;
  const controller = new Controller({ openTransport: tor.openTransport, clock, auth: { readCookie: tor.readCookie }, ...extra });
  const states: StateChange[] = [];
  const warnings: ControllerWarning[] = [];
  controller.onState((s) => states.push(s));
  controller.onWarning((w) => warnings.push(w));
  return { tor, clock, controller, states, warnings };
}

/** A harness whose controller is open and whose post-connect work has settled. */
export async function openHarness(torOptions: FakeTorOptions = {}, options: HarnessOptions = {}): Promise<Harness> {
  const h = makeHarness(torOptions, options);
  await h.controller.open();
  await settle();
  return h;
}

/** Commands received after the handshake (everything from the first non-auth command on). */
export function commandsAfter(tor: FakeTor, index: number): string[] {
  return tor.commands.slice(index);
}

/** Advances the manual clock and lets the resulting async work run. */
export async function advance(clock: ManualClock, ms: number): Promise<void> {
  clock.advance(ms);
  await settle();
}

/** Walks an object graph looking for a string (used to prove a password is not kept). */
export function graphContains(root: unknown, needle: string, skip: (value: object) => boolean = () => false): boolean {
  const seen = new Set<unknown>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (value.includes(needle)) return true;
      continue;
    }
    if (typeof value !== 'object' || value === null || seen.has(value) || skip(value)) continue;
    seen.add(value);
    if (value instanceof Map) for (const [k, v] of value) stack.push(k, v);
    else if (value instanceof Set) for (const v of value) stack.push(v);
    else if (ArrayBuffer.isView(value)) continue;
    else for (const key of Reflect.ownKeys(value)) stack.push((value as Record<string | symbol, unknown>)[key]);
  }
  return false;
}
