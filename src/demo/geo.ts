// Where the demo's addresses "are": plausible public IPv4 addresses (no private, loopback,
// multicast or documentation ranges) and a deterministic country per address with a spread like
// the real relay population (de, us, fr, nl, …). Pure; a stand-in for tor's GeoIP file.

import { hash32 } from './random.js';
import type { Random } from './random.js';

/** Share of relays per country, roughly as on the live network. */
export const COUNTRY_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['de', 22], ['us', 17], ['fr', 8], ['nl', 8], ['ch', 3.5], ['se', 3], ['gb', 3], ['ca', 3], ['at', 2.5],
  ['fi', 2.5], ['pl', 2], ['ro', 2], ['ru', 2], ['lu', 1.5], ['no', 1.5], ['it', 1.5], ['es', 1.2], ['cz', 1.2],
  ['ua', 1], ['jp', 1], ['sg', 1], ['au', 1], ['is', 0.8], ['dk', 0.8], ['be', 0.8], ['bg', 0.7], ['lt', 0.6],
  ['md', 0.6], ['br', 0.6], ['in', 0.5], ['hk', 0.5], ['il', 0.4], ['za', 0.3], ['ar', 0.3], ['kr', 0.3],
];

const TOTAL_WEIGHT = COUNTRY_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);

function countryFromHash(h: number): string {
  let x = (h / 0x1_0000_0000) * TOTAL_WEIGHT;
  for (const [cc, w] of COUNTRY_WEIGHTS) {
    x -= w;
    if (x < 0) return cc;
  }
  return COUNTRY_WEIGHTS[0]![0];
}

function octets(address: string): number[] | undefined {
  const parts = address.split('.');
  if (parts.length !== 4) return undefined;
  const out = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return out.every((n) => n >= 0 && n <= 255) ? out : undefined;
}

function isUnroutableV4(o: readonly number[]): boolean {
  const [a, b] = [o[0]!, o[1]!];
  return a === 0 || a === 10 || a === 127 || a >= 224 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}

function isDocumentationV4(o: readonly number[]): boolean {
  const [a, b, c] = [o[0]!, o[1]!, o[2]!];
  return (a === 192 && b === 0 && c === 2) || (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113) || (a === 198 && (b === 18 || b === 19));
}

/**
 * The country of an address as `GETINFO ip-to-country/<ip>` answers: lower-case code, "??" for
 * private, loopback and unspecified addresses; undefined when it is not an IP address at all.
 * Addresses in the same /16 (IPv4) or /32 (IPv6) share a country.
 */
export function countryOfAddress(address: string): string | undefined {
  const v4 = octets(address);
  if (v4 !== undefined) return isUnroutableV4(v4) ? '??' : countryFromHash(hash32(`v4:${v4[0]}.${v4[1]}`));
  if (!/^[0-9a-fA-F:]+$/.test(address) || !address.includes(':') || address.split('::').length > 2) return undefined;
  const lower = address.toLowerCase();
  if (lower === '::' || lower === '::1' || lower.startsWith('fe80:') || lower.startsWith('fc') || lower.startsWith('fd')) return '??';
  const groups = lower.split(':').slice(0, 2).join(':');
  return countryFromHash(hash32(`v6:${groups}`));
}

/** A public-looking IPv4 address (no private, reserved, multicast or documentation ranges). */
export function makePublicIPv4(random: Random): string {
  for (;;) {
    const o = [random.int(2, 223), random.int(0, 255), random.int(0, 255), random.int(1, 254)];
    if (!isUnroutableV4(o) && !isDocumentationV4(o)) return o.join('.');
  }
}

/** A public-looking IPv6 address in the 2000::/3 unicast range (never 2001:db8::/32). */
export function makePublicIPv6(random: Random): string {
  const head = random.pick(['2001:41d0', '2a01:4f8', '2a03:b0c0', '2600:3c00', '2a0b:f4c0', '2a02:c207', '2605:6400']);
  const g = () => random.int(0, 0xffff).toString(16);
  return `${head}:${g()}:${g()}::${g()}`;
}
