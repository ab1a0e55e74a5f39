// Builds a Controller attached to the built-in demo relay (src/demo) through the same client stack
// as a real tor: in-memory transport, real framer, real authentication (NULL) and parsers.
import { Controller, realClock, type Clock } from '../../controller/index.js';
import { createDemoTor, type DemoTor } from '../../demo/index.js';
import { createDemoProcFs } from '../../demo/demo-process.js';
import type { ProcFs } from '../../system/index.js';

/**
 * The demo's simulated /proc, by its controller: only the header's cpu/memory/fd sampling reads it.
 * The session itself keeps NOT_LOCAL_PROC_FS for the demo, so no file of tor's is ever looked for here.
 */
const simulated = new WeakMap<Controller, ProcFs>();

/** The simulated process of a demo relay's controller; undefined for every real tor. */
export function simulatedProcFs(controller: Controller): ProcFs | undefined {
  return simulated.get(controller);
}

export interface DemoConnection {
  readonly controller: Controller;
  readonly target: string;
  readonly demo: DemoTor;
}

export async function openDemoController(options: { clock?: Clock; seed?: number; eventsPerSecond?: number } = {}): Promise<DemoConnection> {
  const clock = options.clock ?? realClock;
  const demo = createDemoTor({ clock, ...(options.seed === undefined ? {} : { seed: options.seed }), ...(options.eventsPerSecond === undefined ? {} : { eventsPerSecond: options.eventsPerSecond }) });
  const controller = new Controller({ openTransport: demo.openTransport, clock });
  simulated.set(controller, createDemoProcFs({ pid: demo.pid, orConns: () => demo.stats().orConns }, clock, options.seed ?? 1));
  try {
    await controller.open();
  } catch (e) {
    demo.stop();
    throw e;
  }
  // The demo keeps a timer of its own: stop it when the controller is closed for good.
  controller.onState((s) => {
    if (s.kind === 'closed' && controller.state === 'closed') demo.stop();
  });
  return { controller, target: 'demo relay', demo };
}
