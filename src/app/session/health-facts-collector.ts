// Keeps what the Health checks read from the control port beyond the header: reachability and the
// relay's options every minute, its descriptor's overload-general every 5 minutes, MyFamily members'
// microdescriptors every 30 minutes, and CLOCK_SKEW status events as they come. Each answer tor
// refuses leaves its fact unknown; nothing here throws.
import type { Clock, Controller, Timer } from '../../controller/index.js';
import { normalizeFingerprint, fingerprintFromBase64 } from '../../protocol/documents/index.js';
import {
  clockSkewOf,
  descriptorOverload,
  extraInfoOverload,
  familyMemberState,
  hasFamilyIds,
  NO_HEALTH_FACTS,
  parseReachabilityReply,
  splitFamily,
  type FamilyMember,
  type HealthControlFacts,
} from '../../relay/health/index.js';
import { loadOnEachConnection } from './load-on-connect.js';

export const HEALTH_POLL_MS = 60_000;
export const DESCRIPTOR_EVERY_MS = 5 * 60_000;
export const FAMILY_EVERY_MS = 30 * 60_000;
/** MyFamily entries looked up at most (one GETINFO each). */
export const MAX_FAMILY_LOOKUPS = 64;

export interface HealthFactsCollectorOptions {
  readonly controller: Controller;
  readonly clock: Clock;
  readonly onChange: () => void;
}

export class HealthFactsCollector {
  private current: HealthControlFacts = NO_HEALTH_FACTS;
  private timer: Timer | undefined;
  private busy = false;
  private descriptorAtMs = Number.NEGATIVE_INFINITY;
  private familyAtMs = Number.NEGATIVE_INFINITY;
  private generation = 0;
  private readonly unsubscribers: Array<() => void> = [];

  constructor(private readonly options: HealthFactsCollectorOptions) {}

  get facts(): HealthControlFacts {
    return this.current;
  }

  start(): void {
    const c = this.options.controller;
    this.unsubscribers.push(
      loadOnEachConnection(c, () => {
        this.descriptorAtMs = Number.NEGATIVE_INFINITY;
        this.familyAtMs = Number.NEGATIVE_INFINITY;
        void this.poll();
      }),
    );
    this.unsubscribers.push(
      c.on('CONF_CHANGED', () => {
        this.familyAtMs = Number.NEGATIVE_INFINITY;
        void this.poll();
      }),
    );
    this.unsubscribers.push(
      c.on('STATUS_GENERAL', (event) => {
        const skew = clockSkewOf(event, this.options.clock.nowMs());
        if (skew === undefined) return;
        this.current = { ...this.current, clockSkew: skew };
        this.options.onChange();
      }),
    );
    void c.syncEvents();
  }

  stop(): void {
    this.generation++;
    this.timer?.cancel();
    this.timer = undefined;
    for (const u of this.unsubscribers.splice(0)) u();
  }

  /** One round of questions (tests call it directly). */
  async poll(): Promise<void> {
    const c = this.options.controller;
    if (this.busy || c.state !== 'connected') return;
    this.busy = true;
    const generation = this.generation;
    try {
      const now = this.options.clock.nowMs();
      const info = await c.getInfo(['status/reachability-succeeded']).catch(() => new Map<string, string>());
      const conf = await this.readConf();
      let next: HealthControlFacts = {
        ...this.current,
        readAtMs: now,
        reachability: parseReachabilityReply(info.get('status/reachability-succeeded')),
        ...conf,
      };
      // Only 40 hex digits go into the next commands (a hostile answer must not add words or lines).
      const answered = (await c.getInfoOne('fingerprint').catch(() => '')).trim();
      const fingerprint = /^[0-9A-Fa-f]{40}$/.test(answered) ? answered.toUpperCase() : '';
      if (now - this.descriptorAtMs >= DESCRIPTOR_EVERY_MS) {
        this.descriptorAtMs = now;
        next = { ...next, ...(fingerprint === '' ? { descriptor: undefined, extraInfo: undefined } : await this.readDescriptor(fingerprint)) };
      }
      if (now - this.familyAtMs >= FAMILY_EVERY_MS) {
        this.familyAtMs = now;
        next = { ...next, ...(await this.readFamily(fingerprint, next)) };
      }
      if (generation !== this.generation) return;
      this.current = next;
      this.options.onChange();
    } finally {
      this.busy = false;
      if (generation === this.generation) {
        this.timer?.cancel();
        this.timer = this.options.clock.setTimer(() => void this.poll(), HEALTH_POLL_MS);
      }
    }
  }

  private async readConf(): Promise<Pick<HealthControlFacts, 'contactInfo' | 'exitRelay' | 'myFamily' | 'familyIds'>> {
    const c = this.options.controller;
    const one = async (key: string) => c.getConfOne(key).catch(() => undefined);
    const [contact, exitRelay, myFamily, familyIds] = await Promise.all([one('ContactInfo'), one('ExitRelay'), one('MyFamily'), one('FamilyId')]);
    return {
      contactInfo: contact === undefined ? undefined : contact.join(' '),
      exitRelay: exitRelay === undefined ? undefined : (exitRelay[0] ?? 'auto'),
      myFamily: myFamily === undefined ? undefined : splitFamily(myFamily),
      // tor before 0.4.9 has no FamilyId: treat as none declared.
      familyIds: familyIds ?? [],
    };
  }

  /**
   * overload-general from the descriptor the network has (desc/id/<fp>), else the one tor would publish;
   * the extra-info overload lines only from the latter (status/fresh-relay-descs: tor builds it, so once
   * every 5 minutes).
   */
  private async readDescriptor(fingerprint: string): Promise<Pick<HealthControlFacts, 'descriptor' | 'extraInfo'>> {
    const c = this.options.controller;
    const fresh = await c.getInfoOne('status/fresh-relay-descs').catch(() => '');
    const published = descriptorOverload(await c.getInfoOne(`desc/id/${fingerprint}`).catch(() => ''), 'published');
    return { descriptor: published ?? descriptorOverload(fresh, 'fresh'), extraInfo: extraInfoOverload(fresh) };
  }

  private async readFamily(fingerprint: string, facts: HealthControlFacts): Promise<Pick<HealthControlFacts, 'family' | 'familyIdsPublished'>> {
    const c = this.options.controller;
    const ours = fingerprint === '' ? undefined : await c.getInfoOne(`md/id/${fingerprint}`).catch(() => undefined);
    const familyIdsPublished = (facts.familyIds?.length ?? 0) > 0 ? (hasFamilyIds(ours) ?? false) : undefined;
    const members = facts.myFamily ?? [];
    if (fingerprint === '' || members.length === 0) return { family: members.length === 0 ? [] : undefined, familyIdsPublished };
    const nickname = (await c.getConfOne('Nickname').catch(() => []))[0];
    const family: FamilyMember[] = [];
    for (const member of members.slice(0, MAX_FAMILY_LOOKUPS)) {
      const fp = await this.memberFingerprint(member);
      const md = fp === undefined ? undefined : await c.getInfoOne(`md/id/${fp}`).catch(() => undefined);
      family.push({ member: member.slice(0, 64), state: familyMemberState(member, md, fingerprint, nickname) });
    }
    return { family, familyIdsPublished };
  }

  /** "$HEX", "HEX", "$HEX~nick" → HEX; a nickname → its fingerprint from the consensus (ns/name). */
  private async memberFingerprint(member: string): Promise<string | undefined> {
    try {
      return normalizeFingerprint(member.split(/[~=]/)[0]!);
    } catch {
      if (!/^[A-Za-z0-9]{1,19}$/.test(member)) return undefined;
      const ns = await this.options.controller.getInfoOne(`ns/name/${member}`).catch(() => '');
      const id = /^r \S+ (\S+)/m.exec(ns)?.[1];
      try {
        return id === undefined ? undefined : fingerprintFromBase64(id);
      } catch {
        return undefined;
      }
    }
  }
}
