// Opens the control connection like the app's connectToTor (first target that listens; auth errors
// stop the search) with every transport recorded. Kept here so the app only chooses which to call.

import { Controller, readCookieFile, type PasswordProvider } from '../controller/index.js';
import { connectFirst, describeTarget, openTransport, type ControlTarget } from '../transport/index.js';
import type { Recorder } from './recorder.js';

export interface RecordedConnection {
  readonly controller: Controller;
  readonly target: ControlTarget;
  readonly description: string;
}

export async function connectRecorded(targets: readonly ControlTarget[], password: PasswordProvider | undefined, recorder: Recorder): Promise<RecordedConnection> {
  let chosen: ControlTarget | undefined;
  const open = recorder.wrap(async () => {
    if (chosen !== undefined) return openTransport(chosen);
    const first = await connectFirst(targets);
    chosen = first.target;
    return first.transport;
  });
  const controller = new Controller({
    openTransport: open,
    auth: { readCookie: readCookieFile, ...(password === undefined ? {} : { password }) },
  });
  await controller.open();
  return { controller, target: chosen!, description: describeTarget(chosen!) };
}
