// Looks up the countries of the addresses the connections page holds (GETINFO ip-to-country/<ip>),
// a few batches at a time. A batch tor refuses with 551 (one bad address fails them all) is retried
// one address at a time. Sent as raw GETINFO so answers live only in the capped CountryCache, not in
// the controller's unbounded reply cache.
import type { Controller } from '../../controller/index.js';
import { formatGetInfo, parseGetInfo, ReplyError } from '../../protocol/index.js';
import { UNKNOWN_COUNTRY, type CountryCache } from '../../relay/connections/index.js';

/** Batches asked per round; the rest wait for the next round. */
export const COUNTRY_BATCHES_PER_ROUND = 8;

async function ask(controller: Controller, addresses: readonly string[]): Promise<Map<string, string>> {
  const keys = addresses.map((a) => `ip-to-country/${a}`);
  const values = parseGetInfo(await controller.request(formatGetInfo(keys)), keys);
  return new Map(addresses.map((a) => [a, values.get(`ip-to-country/${a}`) ?? UNKNOWN_COUNTRY]));
}

/** Asks about one round of addresses; resolves when the answers are in the cache. Never throws. */
export async function lookUpCountries(controller: Controller, cache: CountryCache, addresses: Iterable<string>): Promise<number> {
  let answered = 0;
  const inUse = new Set(addresses);
  cache.retainOnly(inUse);
  for (const batch of cache.plan(inUse, undefined, COUNTRY_BATCHES_PER_ROUND)) {
    try {
      for (const [a, cc] of await ask(controller, batch)) cache.record(a, cc);
      answered += batch.length;
    } catch (e) {
      if (!(e instanceof ReplyError) || batch.length === 1) {
        for (const a of batch) {
          if (e instanceof ReplyError) cache.record(a, UNKNOWN_COUNTRY);
          else cache.release(a);
        }
        continue;
      }
      for (const a of batch) {
        try {
          cache.record(a, (await ask(controller, [a])).get(a) ?? UNKNOWN_COUNTRY);
          answered++;
        } catch (single) {
          if (single instanceof ReplyError) cache.record(a, UNKNOWN_COUNTRY);
          else cache.release(a);
        }
      }
    }
  }
  return answered;
}
