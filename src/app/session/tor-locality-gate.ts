// The /proc reader of a relay whose locality is decided from evidence, again on every (re)connect:
// behind the same address tor may come back as another process, in a container, or behind a
// forward. While a verdict is pending (tor reached, not yet judged) every read waits for it, so
// nothing is read from this machine for a tor that turns out to be elsewhere.
import type { Controller } from '../../controller/index.js';
import { NOT_LOCAL_PROC_FS, type ProcFs, type TorLocality } from '../../system/index.js';
import { realSocketFs, type SocketFs, type SsRunner } from '../../system/sockets/index.js';

const notLocal = (path: string) => NOT_LOCAL_PROC_FS.readText(path) as Promise<never>;

export class TorLocalityGate implements SocketFs {
  private verdict: Promise<boolean>;
  private settle: ((local: boolean) => void) | undefined;
  private lastLocal: boolean;

  constructor(local: boolean) {
    this.lastLocal = local;
    this.verdict = Promise.resolve(local);
  }

  /** The latest verdict (true: tor is a process here). */
  get isLocal(): boolean {
    return this.lastLocal;
  }

  /** tor was lost or reached anew: reads wait for the next verdict. */
  suspend(): void {
    if (this.settle !== undefined) return;
    this.verdict = new Promise((resolve) => (this.settle = resolve));
  }

  decide(local: boolean): void {
    this.lastLocal = local;
    const settle = this.settle;
    this.settle = undefined;
    this.verdict = Promise.resolve(local);
    settle?.(local);
  }

  readText = async (path: string): Promise<string> => ((await this.verdict) ? realSocketFs.readText(path) : notLocal(path));
  listDir = async (path: string): Promise<string[]> => ((await this.verdict) ? realSocketFs.listDir(path) : notLocal(path));
  readLink = async (path: string): Promise<string> => ((await this.verdict) ? realSocketFs.readLink(path) : notLocal(path));

  /** `ss` lists this machine's sockets: only for a tor judged to be here. */
  gateSs(run: SsRunner): SsRunner {
    return async () => ((await this.verdict) ? run() : notLocal('ss'));
  }
}

/** The ss runner a session may use with this /proc reader. */
export function ssFor(procFs: ProcFs, run: SsRunner): SsRunner {
  return procFs instanceof TorLocalityGate ? procFs.gateSs(run) : run;
}

/**
 * Re-decides on every connection: remote while tor is lost; once reached, reads wait until the
 * evidence is in (decide() must not throw), then the verdict is reported. Returns the unsubscriber.
 */
export function watchLocality(controller: Controller, gate: TorLocalityGate, decide: () => Promise<TorLocality>, onVerdict: (locality: TorLocality) => void): () => void {
  let round = 0;
  return controller.onState((s) => {
    // No tor, nothing to read about it: reads fail at once until the next verdict (none hangs meanwhile).
    if (s.kind === 'closed') {
      round++;
      gate.decide(false);
      return;
    }
    if (s.kind !== 'connected') return;
    gate.suspend();
    const mine = ++round;
    void decide().then((locality) => {
      if (mine !== round) return;
      gate.decide(locality.local);
      onVerdict(locality);
    });
  });
}
