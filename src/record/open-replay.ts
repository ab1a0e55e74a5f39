// Builds a Controller that plays a recording back through the same client stack as a real tor
// (framer, NULL authentication, event routing, reconnects), for `ortop --replay FILE --speed N`.

import { basename } from 'node:path';
import { Controller, realClock, type Clock } from '../controller/index.js';
import { readRecordingFile } from './record-file.js';
import { Replay } from './replay.js';

export interface ReplayConnection {
  readonly controller: Controller;
  readonly target: string;
  readonly replay: Replay;
}

export async function openReplayController(path: string, options: { speed?: number; clock?: Clock } = {}): Promise<ReplayConnection> {
  const recording = await readRecordingFile(path);
  const clock = options.clock ?? realClock;
  const target = `replay of ${basename(path)}`;
  const replay = new Replay(recording, { clock, description: target, ...(options.speed === undefined ? {} : { speed: options.speed }) });
  const controller = new Controller({ openTransport: replay.openTransport, clock });
  try {
    await controller.open();
  } catch (e) {
    replay.stop();
    throw e;
  }
  return { controller, target, replay };
}
