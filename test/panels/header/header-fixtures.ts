// HeaderFacts for the header tests: one relay with everything known, and variations of it.
import { emptyHeaderFacts, type HeaderFacts } from '../../../src/relay/header-facts.js';

export const NOW_MS = Date.UTC(2025, 0, 15, 12, 0, 0);
const HOST = { hostname: 'relay1.example.org', osName: 'Linux', osRelease: '6.1.0-18-amd64' };

export const connectingFacts: HeaderFacts = emptyHeaderFacts(HOST, '127.0.0.1:9051');

export const relayFacts: HeaderFacts = {
  ...connectingFacts,
  torVersion: '0.4.9.11',
  versionStatus: 'recommended',
  nickname: 'ortopTestRelay',
  address: '203.0.113.7',
  orPort: 9001,
  dirPort: 9030,
  isRelay: true,
  authMethod: 'SAFECOOKIE',
  pid: 4242,
  torStartedAtMs: NOW_MS - (2 * 86_400 + 3 * 3600 + 4 * 60 + 5) * 1000,
  fingerprint: '9695DFC35FFEB861329B9F1AB04C46397020CE31',
  flags: ['Fast', 'Guard', 'HSDir', 'Running', 'Stable', 'V2Dir', 'Valid'],
  exitPolicy: { rules: [{ action: 'reject', text: 'reject *:*' }], tail: undefined },
  fdUsed: 120,
  fdLimit: 1000,
  tor: { cpuPercent: 12.34, rssBytes: 74_448_896, memPercent: 1.8 },
  ortop: { cpuPercent: 0.5, rssBytes: 60_000_000, memPercent: 1.4 },
  liveness: 'up',
  connection: { kind: 'connected', target: '127.0.0.1:9051', authMethod: 'SAFECOOKIE', sinceMs: NOW_MS - 60_000 },
};

export const clientFacts: HeaderFacts = {
  ...relayFacts,
  nickname: 'Unnamed',
  address: undefined,
  orPort: undefined,
  dirPort: undefined,
  isRelay: false,
  authMethod: 'COOKIE',
  fingerprint: undefined,
  flags: undefined,
  exitPolicy: undefined,
  fdUsed: undefined,
  fdLimit: undefined,
  versionStatus: 'new in series',
  newnymWaitMs: 7_200,
};

export const bootstrappingFacts: HeaderFacts = {
  ...clientFacts,
  newnymWaitMs: 0,
  bootstrap: { progress: 45, tag: 'loading_descriptors', summary: 'Loading relay descriptors', warning: 'Connection refused (DONE; CONNECTREFUSED)' },
};

export const networkDownFacts: HeaderFacts = { ...relayFacts, liveness: 'down', versionStatus: 'obsolete' };

export const disconnectedFacts: HeaderFacts = {
  ...relayFacts,
  connection: { kind: 'disconnected', target: '127.0.0.1:9051', atMs: NOW_MS - 3_000, reason: 'connection closed', retryAtMs: NOW_MS + 4_500 },
};

export const withFdUse = (used: number): HeaderFacts => ({ ...relayFacts, fdUsed: used, fdLimit: 1000 });

export const hostileFacts: HeaderFacts = {
  ...relayFacts,
  hostname: 'host\x1b]0;pwned\x07name',
  torVersion: '0.4.9.11\x1b[2J{bold}',
  versionStatus: 'recommended\x1b[31m',
  nickname: 'evil\x1b[2J\x1b[H{red-fg}nick{/red-fg}\x07',
  flags: ['Running', '{bold}Fake\x1b[5mFlag', 'Valid\r\nInjected', '\u009b31mC1'],
  exitPolicy: { rules: [{ action: 'accept', text: 'accept *:80\x1b[1;1H{/}' }], tail: 'default' },
};
