// The relays tor knows from its consensus (GETINFO ns/all once, then NS and NEWCONSENSUS events):
// looked up by fingerprint, by ORPort address:port, by DirPort address:port and by address alone.
// NEWCONSENSUS replaces everything; NS replaces the entries it carries. Pure data, no I/O.
import type { RouterStatusEntry } from '../../protocol/documents/index.js';

/** "1.2.3.4:9001" / "2001:db8::1:9001" (IPv6 without brackets, lower case). */
export const endpointKey = (address: string, port: number): string => `${address.toLowerCase()}:${port}`;

export class RelayDirectory {
  private readonly byFp = new Map<string, RouterStatusEntry>();
  private readonly byOrPort = new Map<string, string[]>();
  private readonly byDirPort = new Map<string, string[]>();
  private readonly byAddr = new Map<string, string[]>();
  /** Grows on every change. */
  version = 0;
  /** Whether a consensus (or ns/all answer) has been loaded at all. */
  loaded = false;

  get size(): number {
    return this.byFp.size;
  }

  get(fingerprint: string): RouterStatusEntry | undefined {
    return this.byFp.get(fingerprint.toUpperCase());
  }

  /** Relays with this ORPort (several relays may share an address, Nyx #9). */
  atOrPort(address: string, port: number): readonly string[] {
    return this.byOrPort.get(endpointKey(address, port)) ?? [];
  }

  atDirPort(address: string, port: number): readonly string[] {
    return this.byDirPort.get(endpointKey(address, port)) ?? [];
  }

  atAddress(address: string): readonly string[] {
    return this.byAddr.get(address.toLowerCase()) ?? [];
  }

  isRelayAddress(address: string): boolean {
    return this.byAddr.has(address.toLowerCase());
  }

  /** The whole consensus (NEWCONSENSUS, ns/all). */
  replaceAll(entries: readonly RouterStatusEntry[]): void {
    this.byFp.clear();
    this.byOrPort.clear();
    this.byDirPort.clear();
    this.byAddr.clear();
    for (const e of entries) this.add(e);
    this.loaded = true;
    this.version++;
  }

  /** Changed entries (NS). */
  update(entries: readonly RouterStatusEntry[]): void {
    for (const e of entries) {
      const old = this.byFp.get(e.fingerprint);
      if (old !== undefined) this.remove(old);
      this.add(e);
    }
    this.version++;
  }

  private add(e: RouterStatusEntry): void {
    this.byFp.set(e.fingerprint, e);
    push(this.byOrPort, endpointKey(e.address, e.orPort), e.fingerprint);
    push(this.byAddr, e.address.toLowerCase(), e.fingerprint);
    if (e.dirPort !== undefined) push(this.byDirPort, endpointKey(e.address, e.dirPort), e.fingerprint);
    for (const a of e.orAddresses) {
      push(this.byOrPort, endpointKey(a.address, a.port), e.fingerprint);
      push(this.byAddr, a.address.toLowerCase(), e.fingerprint);
    }
  }

  private remove(e: RouterStatusEntry): void {
    this.byFp.delete(e.fingerprint);
    pull(this.byOrPort, endpointKey(e.address, e.orPort), e.fingerprint);
    pull(this.byAddr, e.address.toLowerCase(), e.fingerprint);
    if (e.dirPort !== undefined) pull(this.byDirPort, endpointKey(e.address, e.dirPort), e.fingerprint);
    for (const a of e.orAddresses) {
      pull(this.byOrPort, endpointKey(a.address, a.port), e.fingerprint);
      pull(this.byAddr, a.address.toLowerCase(), e.fingerprint);
    }
  }
}

function push(map: Map<string, string[]>, key: string, fp: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [fp]);
  else if (!list.includes(fp)) list.push(fp);
}

function pull(map: Map<string, string[]>, key: string, fp: string): void {
  const list = map.get(key);
  if (list === undefined) return;
  const i = list.indexOf(fp);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) map.delete(key);
}
