// Made-up but plausible names for the demo relay's world: relay nicknames (1-19 letters and
// digits, as dir-spec allows), contact lines, v3 onion addresses and web hosts in the example
// domains. Everything comes from the PRNG handed in; nothing refers to real operators.

import type { Random } from './random.js';

const ONSETS = ['b', 'br', 'c', 'ch', 'd', 'dr', 'f', 'g', 'gr', 'h', 'k', 'kr', 'l', 'm', 'n', 'p', 'qu', 'r', 's', 'sh', 'st', 't', 'tr', 'v', 'w', 'z'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'ou', 'y'];
const CODAS = ['', '', '', 'n', 'r', 'l', 's', 'x', 'm', 'th', 'nd', 'rk'];
const SUFFIXES = ['Relay', 'Tor', 'Exit', 'Node', 'Guard', 'Onion', 'Privacy', 'Net', 'Freedom', 'Bridge2', 'Middle'];
const PREFIXES = ['tor', 'relay', 'onion', 'free', 'privacy', 'anon', 'my', 'the', 'snow', 'night'];

function syllable(random: Random): string {
  return random.pick(ONSETS) + random.pick(VOWELS) + random.pick(CODAS);
}

function word(random: Random, syllables: number): string {
  let out = '';
  for (let i = 0; i < syllables; i++) out += syllable(random);
  return out;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A pronounceable relay nickname such as "Velmora", "korin42", "MarvenRelay" or "torKessa". */
export function makeNickname(random: Random): string {
  const style = random.weighted<string>([
    ['plain', 35],
    ['digits', 20],
    ['suffix', 18],
    ['prefix', 12],
    ['lower', 13],
    ['unnamed', 2],
  ]);
  let name: string;
  switch (style) {
    case 'digits':
      name = word(random, random.int(1, 2)) + String(random.int(0, 999));
      break;
    case 'suffix':
      name = capitalize(word(random, random.int(1, 2))) + random.pick(SUFFIXES);
      break;
    case 'prefix':
      name = random.pick(PREFIXES) + capitalize(word(random, random.int(1, 2)));
      break;
    case 'lower':
      name = word(random, random.int(2, 3));
      break;
    case 'unnamed':
      return 'Unnamed';
    default:
      name = capitalize(word(random, random.int(2, 3)));
  }
  return name.slice(0, 19);
}

/** A contact line as operators write them (example domains only); sometimes empty, sometimes UTF-8. */
export function makeContact(random: Random, nickname: string): string | undefined {
  const user = nickname.toLowerCase().slice(0, 12);
  const domain = random.pick(['example.org', 'example.net', 'example.com']);
  return random.weighted<string | undefined>([
    [undefined, 12],
    [`${user} <tor-abuse AT ${domain.replace('.', ' dot ')}>`, 30],
    [`email:tor-ops[]${domain} url:https://${domain} ciissversion:2`, 18],
    [`0x${random.hex(8)} ${capitalize(user)} <${user} AT ${domain}>`, 14],
    [`Operator ${capitalize(user)} - https://${domain}/tor`, 12],
    [`Jürgen Müller <relays AT ${domain}> — Straße 7`, 3],
    [`Ελένη <tor AT ${domain}>`, 2],
    [`abuse@${domain}`, 9],
  ]);
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** A v3 onion address: 56 base32 characters, the last one "d" (version 3). */
export function makeOnionAddress(random: Random): string {
  let out = '';
  for (let i = 0; i < 55; i++) out += BASE32[random.int(0, 31)]!;
  return `${out}d`;
}

/** A web destination a user stream might ask for (example domains and documentation addresses). */
export function makeWebTarget(random: Random): string {
  const host = random.weighted<string>([
    ['www.example.com', 20],
    ['example.org', 14],
    ['api.example.net', 10],
    ['cdn.example.com', 10],
    ['news.example.org', 8],
    ['mail.example.net', 5],
    [`203.0.113.${random.int(1, 254)}`, 6],
    [`${makeOnionAddress(random)}.onion`, 6],
  ]);
  const port = random.weighted<number>([
    [443, 70],
    [80, 20],
    [22, 3],
    [993, 3],
    [5222, 2],
    [8080, 2],
  ]);
  return `${host}:${port}`;
}
