// Runs a collector's load whenever tor is there to answer: now if it is connected, on every
// (re)connect, and when tor reloads its configuration (SIGHUP). Holds no state of its own.
import type { Controller } from '../../controller/index.js';

/** Calls load now if tor is connected, then on every connect and SIGHUP; returns the unsubscriber. */
export function loadOnEachConnection(controller: Controller, load: () => void): () => void {
  const unsubscribe = controller.onState((change) => {
    if (change.kind === 'connected' || change.kind === 'reset') load();
  });
  if (controller.state === 'connected') load();
  return unsubscribe;
}
