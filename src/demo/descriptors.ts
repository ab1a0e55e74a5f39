// Server descriptors of the demo's relays (GETINFO desc/id/*, desc/name/*), generated on demand
// from a relay's fields so nothing large is stored: router, platform, proto, published,
// fingerprint, uptime, bandwidth, contact, family, exit policy, and key/signature objects filled
// with seeded noise (they look right; nothing verifies them).

import { Random, base64Unpadded } from './random.js';
import type { SimRelay } from './relay-types.js';
import { policyRules } from './exit-policies.js';
import { formatDirTime } from './time-format.js';

const PROTO_0_4_8 =
  'Conflux=1 Cons=1-2 Desc=1-2 DirCache=2 FlowCtrl=1-2 HSDir=2 HSIntro=4-5 HSRend=1-2 Link=1-5 LinkAuth=1,3 Microdesc=1-2 Padding=2 Relay=1-4';
const PROTO_0_4_9 =
  'Conflux=1 Cons=1-2 Desc=1-4 DirCache=2 FlowCtrl=1-2 HSDir=2 HSIntro=4-5 HSRend=1-2 Link=3-5 LinkAuth=3 Microdesc=1-3 Padding=2 Relay=2-6';

function wrap64(text: string): string[] {
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += 64) lines.push(text.slice(i, i + 64));
  return lines;
}

function object(type: string, random: Random, bytes: number): string[] {
  return [`-----BEGIN ${type}-----`, ...wrap64(Buffer.from(random.bytes(bytes)).toString('base64')), `-----END ${type}-----`];
}

function spacedFingerprint(fingerprint: string): string {
  return fingerprint.match(/.{4}/g)!.join(' ');
}

/** The descriptor text ("\n"-separated lines, no final newline). */
export function formatServerDescriptor(relay: SimRelay): string {
  const random = new Random(relay.descriptorSeed, 'descriptor');
  const masterKey = random.base64(32);
  const lines: string[] = [
    `router ${relay.nickname} ${relay.address} ${relay.orPort} 0 ${relay.dirPort}`,
    'identity-ed25519',
    ...object('ED25519 CERT', random, 140),
    `master-key-ed25519 ${masterKey}`,
  ];
  if (relay.ipv6 !== undefined) lines.push(`or-address [${relay.ipv6}]:${relay.orPort}`);
  lines.push(
    `platform Tor ${relay.torVersion} on ${relay.os}`,
    `proto ${relay.torVersion.startsWith('0.4.9') ? PROTO_0_4_9 : PROTO_0_4_8}`,
    `published ${formatDirTime(relay.publishedAtMs)}`,
    `fingerprint ${spacedFingerprint(relay.fingerprint)}`,
    `uptime ${relay.uptimeAtPublishSec}`,
    `bandwidth ${relay.rateBytesPerSec} ${relay.burstBytesPerSec} ${relay.observedBytesPerSec}`,
    `extra-info-digest ${random.hex(20)} ${random.base64(32)}`,
    'onion-key',
    ...object('RSA PUBLIC KEY', random, 140),
    'signing-key',
    ...object('RSA PUBLIC KEY', random, 140),
    'onion-key-crosscert',
    ...object('CROSSCERT', random, 128),
    'ntor-onion-key-crosscert 1',
    ...object('ED25519 CERT', random, 140),
    `ntor-onion-key ${base64Unpadded(random.bytes(32))}=`,
  );
  if (relay.contact !== undefined) lines.push(`contact ${relay.contact}`);
  if (relay.flags.includes('HSDir')) lines.push('hidden-service-dir');
  lines.push(...(relay.exitRules ?? policyRules(relay.exitPolicy, relay.address)));
  if (relay.ipv6 !== undefined && relay.exitPolicy !== 'none') lines.push(`ipv6-policy ${relay.exitSummary}`);
  if (relay.flags.includes('V2Dir')) lines.push('tunnelled-dir-server');
  lines.push(`router-sig-ed25519 ${random.base64(64)}`, 'router-signature', ...object('SIGNATURE', random, 128));
  return lines.join('\n');
}

/**
 * The microdescriptor (GETINFO md/id/*), with the keys of the relay's server descriptor:
 *   ntor-onion-key …=
 *   p accept 80,443        (exits only; p6 too with IPv6)
 *   id ed25519 …
 */
export function formatMicrodescriptor(relay: SimRelay): string {
  const descriptor = formatServerDescriptor(relay).split('\n');
  const value = (keyword: string) => descriptor.find((l) => l.startsWith(`${keyword} `))?.slice(keyword.length + 1) ?? '';
  const lines = [`ntor-onion-key ${value('ntor-onion-key')}`];
  if (relay.exitPolicy !== 'none') {
    lines.push(`p ${relay.exitSummary}`);
    if (relay.ipv6 !== undefined) lines.push(`p6 ${relay.exitSummary}`);
  }
  lines.push(`id ed25519 ${value('master-key-ed25519')}`);
  return lines.join('\n');
}
