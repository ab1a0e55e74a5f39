// Typed helpers over the request FIFO: GETINFO/GETCONF (with the answer cache), SETCONF,
// RESETCONF, SAVECONF, SIGNAL (with the NEWNYM rate limit), CLOSECIRCUIT, PROTOCOLINFO.
// The connection itself (send, cache, clock) is supplied by the Controller subclass.

import type { ConfValue } from '../protocol/commands.js';
import {
  formatCloseCircuit,
  formatCommand,
  formatGetConf,
  formatGetInfo,
  formatProtocolInfo,
  formatResetConf,
  formatSaveConf,
  formatSetConf,
  formatSignal,
} from '../protocol/commands.js';
import type { Reply } from '../protocol/reply.js';
import type { ProtocolInfo } from '../protocol/replies.js';
import { expectOk, groupConf, parseGetConf, parseGetInfo, parseProtocolInfo, replyText } from '../protocol/replies.js';
import { SaveConfFailedError, SaveConfNeedsForceError } from './errors.js';
import type { ReplyCache } from './reply-cache.js';
import type { RequestOptions } from './session.js';
import type { SaveConfOptions } from './types.js';

/** tor delays NEWNYM signals closer together than this (MAX_SIGNEWNYM_RATE). */
export const NEWNYM_INTERVAL_MS = 10_000;

export type SendFn = (command: string, options?: RequestOptions) => Promise<Reply>;

export type ConfEntries = Readonly<Record<string, ConfValue>> | ReadonlyArray<readonly [string, ConfValue]>;

export abstract class TorCommands {
  private lastNewnymAtMs: number | undefined;

  protected abstract send(command: string, options?: RequestOptions): Promise<Reply>;
  /** The cache to use, or undefined when caching is off. */
  protected abstract get replyCache(): ReplyCache | undefined;
  protected abstract get now(): number;

  /** GETINFO: key → value, in the order asked. All-or-nothing: one bad key fails the call (ReplyError). */
  getInfo(keys: string | readonly string[]): Promise<Map<string, string>> {
    return this.fetchInfo((command, options) => this.send(command, options), keys);
  }

  async getInfoOne(key: string): Promise<string> {
    return (await this.getInfo([key])).get(key) ?? '';
  }

  /**
   * GETCONF: option → values ([] = default/unset; several for LineList options), keyed by the
   * name as tor spells it (GETCONF is case-insensitive and echoes the canonical name).
   */
  async getConf(keys: string | readonly string[]): Promise<Map<string, string[]>> {
    const requested = unique(typeof keys === 'string' ? [keys] : keys);
    const cache = this.replyCache;
    const result = new Map<string, string[]>();
    const missing = requested.filter((k) => cache?.getConf(k) === undefined);
    let fetched = new Map<string, string[]>();
    if (missing.length > 0) {
      let parsed: Map<string, string[]> | undefined;
      const reply = await this.send(formatGetConf(missing), {
        onReply: (r) => {
          if (r.code !== 250) return;
          try {
            parsed = groupConf(parseGetConf(r));
          } catch {
            return;
          }
          for (const key of missing) {
            const echoed = findIgnoringCase(parsed, key);
            if (echoed !== undefined) cache?.putConf(key, { key: echoed, values: parsed.get(echoed) ?? [] });
          }
        },
      });
      fetched = parsed ?? groupConf(parseGetConf(reply));
    }
    for (const key of requested) {
      const hit = missing.includes(key) ? undefined : cache?.getConf(key);
      if (hit !== undefined) {
        result.set(hit.key, [...hit.values]);
        continue;
      }
      const echoed = findIgnoringCase(fetched, key);
      if (echoed !== undefined) result.set(echoed, fetched.get(echoed) ?? []);
    }
    for (const [key, values] of fetched) if (!result.has(key)) result.set(key, values);
    return result;
  }

  /** The values of one option (whatever name tor echoes for it). */
  async getConfOne(key: string): Promise<string[]> {
    const map = await this.getConf([key]);
    const echoed = findIgnoringCase(map, key);
    if (echoed !== undefined) return map.get(echoed) ?? [];
    const first = map.values().next();
    return first.done === true ? [] : first.value;
  }

  /** SETCONF (all-or-nothing). A value of null sets the option to 0/empty; a list sets a LineList. */
  async setConf(entries: ConfEntries): Promise<void> {
    const list = toEntryList(entries);
    const reply = await this.send(formatSetConf(list), { onReply: (r) => this.forgetConfOnSuccess(r, list.map(([k]) => k)) });
    expectOk(reply, 'SETCONF');
  }

  /** RESETCONF: options back to their defaults. */
  async resetConf(keys: string | readonly string[]): Promise<void> {
    const list = typeof keys === 'string' ? [keys] : [...keys];
    const reply = await this.send(formatResetConf(list), { onReply: (r) => this.forgetConfOnSuccess(r, list) });
    expectOk(reply, 'RESETCONF');
  }

  /**
   * SAVECONF. When tor refuses because the torrc uses %include (it answers 551 and
   * config-can-saveconf is 0) this throws SaveConfNeedsForceError, unless forceIfIncludes is set.
   */
  async saveConf(options: SaveConfOptions = {}): Promise<void> {
    const force = options.force === true;
    const reply = await this.send(formatSaveConf(force));
    if (reply.code === 250) return;
    const text = replyText(reply);
    if (reply.code === 551 && !force) {
      const canSave = await this.getInfoOne('config-can-saveconf').catch(() => undefined);
      if (canSave === '0') {
        if (options.forceIfIncludes === true) return this.saveConf({ force: true });
        throw new SaveConfNeedsForceError(text);
      }
    }
    if (reply.code === 551) throw new SaveConfFailedError(text, reply.code);
    expectOk(reply, 'SAVECONF');
  }

  /** SIGNAL <name>. NEWNYM is remembered for newnymWaitMs; RELOAD/HUP flush the cache. */
  async signal(name: string): Promise<void> {
    const signal = name.toUpperCase();
    const reply = await this.send(formatSignal(signal), {
      onReply: (r) => {
        if (r.code === 250) this.noteSignal(signal);
      },
    });
    expectOk(reply, 'SIGNAL');
  }

  /** How long until tor would act on another NEWNYM at once (0 = now). */
  newnymWaitMs(nowMs: number = this.now): number {
    if (this.lastNewnymAtMs === undefined) return 0;
    return Math.max(0, this.lastNewnymAtMs + NEWNYM_INTERVAL_MS - nowMs);
  }

  /** CLOSECIRCUIT <id> [IfUnused]. */
  async closeCircuit(circuitId: string, options: { ifUnused?: boolean } = {}): Promise<void> {
    const command = options.ifUnused === true ? formatCommand('CLOSECIRCUIT', [circuitId, 'IfUnused']) : formatCloseCircuit(circuitId);
    expectOk(await this.send(command), 'CLOSECIRCUIT');
  }

  async protocolInfo(): Promise<ProtocolInfo> {
    return parseProtocolInfo(await this.send(formatProtocolInfo()));
  }

  /** GETINFO through a given send function, answering cacheable keys from the cache. */
  protected async fetchInfo(send: SendFn, keys: string | readonly string[]): Promise<Map<string, string>> {
    const requested = unique(typeof keys === 'string' ? [keys] : keys);
    const cache = this.replyCache;
    const known = new Map<string, string>();
    for (const key of requested) {
      const hit = cache?.getInfo(key);
      if (hit !== undefined) known.set(key, hit);
    }
    const missing = requested.filter((k) => !known.has(k));
    if (missing.length > 0) {
      let parsed: Map<string, string> | undefined;
      const reply = await send(formatGetInfo(missing), {
        onReply: (r) => {
          if (r.code !== 250) return;
          try {
            parsed = parseGetInfo(r, missing);
          } catch {
            return;
          }
          for (const [key, value] of parsed) cache?.putInfo(key, value);
        },
      });
      for (const [key, value] of parsed ?? parseGetInfo(reply, missing)) known.set(key, value);
    }
    return new Map(requested.map((k) => [k, known.get(k) ?? '']));
  }

  protected noteSignal(signal: string): void {
    if (signal === 'NEWNYM') this.lastNewnymAtMs = this.now;
    if (signal === 'RELOAD' || signal === 'HUP') this.replyCache?.clear();
  }

  private forgetConfOnSuccess(reply: Reply, keys: readonly string[]): void {
    if (reply.code === 250) this.replyCache?.forgetConf(keys);
  }
}

function unique(keys: readonly string[]): string[] {
  return [...new Set(keys)];
}

function toEntryList(entries: ConfEntries): Array<readonly [string, ConfValue]> {
  return Array.isArray(entries) ? [...(entries as ReadonlyArray<readonly [string, ConfValue]>)] : Object.entries(entries);
}

function findIgnoringCase<V>(map: ReadonlyMap<string, V>, key: string): string | undefined {
  if (map.has(key)) return key;
  const lower = key.toLowerCase();
  for (const k of map.keys()) if (k.toLowerCase() === lower) return k;
  return undefined;
}
