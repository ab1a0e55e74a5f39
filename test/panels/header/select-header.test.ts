import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatClock,
  formatUptime,
  headerHeight,
  isWideHeader,
  selectFingerprintRow,
  selectFlagsRow,
  selectExitPolicyRow,
  selectHeaderLines,
  selectNewnymRow,
  selectPlatformRow,
  selectPortsRow,
  selectResourcesRow,
} from '../../../panels/header/index.js';
import type { HeaderFacts } from '../../../src/relay/header-facts.js';
import { lineWidth, renderLine, type Line } from '../../../src/terminal/theme.js';
import {
  NOW_MS,
  bootstrappingFacts,
  clientFacts,
  connectingFacts,
  disconnectedFacts,
  hostileFacts,
  networkDownFacts,
  relayFacts,
  withFdUse,
} from './header-fixtures.js';

const text = (line: Line | undefined): string => (line ?? []).map((s) => s.text).join('');
const styleOf = (line: Line, word: string) => line.find((s) => s.text === word)?.style;

const ALL: Record<string, HeaderFacts> = {
  relay: relayFacts,
  client: clientFacts,
  bootstrapping: bootstrappingFacts,
  networkDown: networkDownFacts,
  disconnected: disconnectedFacts,
  fd97: withFdUse(970),
  hostile: hostileFacts,
  connecting: connectingFacts,
};

describe('formatters', () => {
  it('formats uptime as [D-]HH:MM:SS', () => {
    expect(formatUptime(0)).toBe('00:00:00');
    expect(formatUptime(59_999)).toBe('00:00:59');
    expect(formatUptime(3_723_000)).toBe('01:02:03');
    expect(formatUptime(93_784_000)).toBe('1-02:03:04');
    expect(formatUptime(-5_000)).toBe('00:00:00');
  });
  it('formats sizes with binary prefixes and clock times (TZ is UTC in tests)', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(14 * 1024 + 10)).toBe('14 KB');
    expect(formatBytes(74_448_896)).toBe('71 MB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GB');
    expect(formatClock(Date.UTC(2025, 0, 1, 9, 5, 7))).toBe('09:05:07');
  });
});

describe('header width table', () => {
  const WIDTHS = [160, 141, 140, 120, 80, 60, 40, 20, 2, 1, 0];
  it.each(Object.entries(ALL))('%s: no row is wider than the screen at any width', (_name, facts) => {
    for (const width of WIDTHS) {
      for (const line of selectHeaderLines(facts, NOW_MS, width)) expect(lineWidth(line), `width ${width}: ${text(line)}`).toBeLessThanOrEqual(width);
    }
  });

  it('switches to two columns at 141', () => {
    expect(isWideHeader(140)).toBe(false);
    expect(isWideHeader(141)).toBe(true);
    expect(headerHeight(relayFacts, 141)).toBe(3);
    expect(headerHeight(relayFacts, 140)).toBe(6);
    expect(headerHeight(clientFacts, 160)).toBe(2);
    expect(headerHeight(clientFacts, 80)).toBe(4);
    expect(headerHeight(bootstrappingFacts, 80)).toBe(6);
    expect(headerHeight(connectingFacts, 80)).toBe(3);
    const wide = selectHeaderLines(relayFacts, NOW_MS, 141).map(text);
    expect(wide[0]!.indexOf('cpu:')).toBe(77);
    expect(wide[1]!.indexOf('fingerprint:')).toBe(77);
    expect(wide[2]!.indexOf('exit policy:')).toBe(77);
    expect(selectHeaderLines(relayFacts, NOW_MS, 160).map(text)[1]!.indexOf('fingerprint:')).toBe(80);
  });

  // Resource fields, in order; each width keeps a prefix of them (dropped right-to-left).
  const RESOURCES: Array<[number, string[]]> = [
    [160, ['cpu', 'mem', 'pid', 'uptime']],
    [141, ['cpu', 'mem', 'pid']],
    [140, ['cpu', 'mem', 'pid', 'uptime']],
    [120, ['cpu', 'mem', 'pid', 'uptime']],
    [80, ['cpu', 'mem', 'pid', 'uptime']],
    [60, ['cpu', 'mem', 'pid']],
    [40, ['cpu']],
    [20, ['cpu']],
  ];
  it.each(RESOURCES)('at width %i the resource fields are %j', (width, fields) => {
    const lines = selectHeaderLines(relayFacts, NOW_MS, width).map(text);
    const row = (isWideHeader(width) ? lines[0]! : lines[2]!).slice(isWideHeader(width) ? Math.max(Math.floor(width / 2), 77) : 0);
    const present = ['cpu', 'mem', 'pid', 'uptime'].filter((f) => row.includes(`${f}:`));
    expect(present).toEqual(fields);
  });

  it('keeps the fixed resource columns: cpu 0, mem 29, pid 49, uptime 61', () => {
    const row = text(selectResourcesRow(relayFacts, NOW_MS, 80));
    expect(row).toBe('cpu: 12.3% tor, 0.5% ortop   mem: 71 MB (1.8%)   pid: 4242   uptime: 2-03:04:05');
    expect([row.indexOf('mem:'), row.indexOf('pid:'), row.indexOf('uptime:')]).toEqual([29, 49, 61]);
    expect(text(selectResourcesRow(relayFacts, NOW_MS, 20))).toBe('cpu: 12.3% tor, 0.5…');
  });
});

describe('header rows', () => {
  it('shows platform and Tor version with a coloured status', () => {
    const row = selectPlatformRow(relayFacts, 80);
    expect(text(row)).toBe('ortop - relay1.example.org (Linux 6.1.0-18-amd64)   Tor 0.4.9.11 (recommended)');
    expect(styleOf(row, 'recommended')).toEqual({ fg: 'green' });
    expect(styleOf(selectPlatformRow(clientFacts, 80), 'new in series')).toEqual({ fg: 'blue' });
    expect(styleOf(selectPlatformRow(networkDownFacts, 80), 'obsolete')).toEqual({ fg: 'red' });
    expect(styleOf(selectPlatformRow({ ...relayFacts, versionStatus: 'unknown' }, 80), 'unknown')).toEqual({ fg: 'cyan' });
    expect(text(selectPlatformRow(relayFacts, 60))).toBe('ortop - relay1.example.org (Linux 6.1.…)   Tor 0.4.9.11');
    expect(text(selectPlatformRow(relayFacts, 52))).toBe('ortop - relay1.example.org (Linux 6.1.…)');
    expect(text(selectPlatformRow(connectingFacts, 80))).toBe('ortop - relay1.example.org (Linux 6.1.0-18-amd64)');
  });

  it('shows the relay ports with the auth method, dropping the auth label when tight', () => {
    const row = selectPortsRow({ ...relayFacts, dirPort: undefined }, NOW_MS, 80);
    expect(text(row)).toBe('ortopTestRelay - 203.0.113.7:9001, Control Port (safecookie): 9051');
    expect(styleOf(row, 'safecookie')).toEqual({ fg: 'green' });
    expect(text(selectPortsRow(relayFacts, NOW_MS, 80))).toBe('ortopTestRelay - 203.0.113.7:9001, Dir Port: 9030, Control Port: 9051');
    const open = selectPortsRow({ ...clientFacts, authMethod: 'NULL' }, NOW_MS, 80);
    expect(text(open)).toBe('Relaying Disabled, Control Port (open): 9051');
    expect(styleOf(open, 'open')).toEqual({ fg: 'red' });
    expect(styleOf(open, 'Relaying Disabled')).toEqual({ fg: 'cyan' });
    expect(text(selectPortsRow({ ...clientFacts, authMethod: 'HASHEDPASSWORD' }, NOW_MS, 80))).toContain('(password): 9051');
  });

  it('shows sockets, IPv6 addresses and remote control targets', () => {
    const socket = { ...relayFacts, controlTarget: '/run/tor/control', controlIsSocket: true, dirPort: 0 };
    expect(text(selectPortsRow(socket, NOW_MS, 120))).toBe('ortopTestRelay - 203.0.113.7:9001, Control Socket: /run/tor/control');
    expect(text(selectPortsRow({ ...relayFacts, address: '2001:db8::7', dirPort: undefined }, NOW_MS, 120))).toBe(
      'ortopTestRelay - [2001:db8::7]:9001, Control Port (safecookie): 9051',
    );
    expect(text(selectPortsRow({ ...clientFacts, controlTarget: '10.0.0.2:9051' }, NOW_MS, 120))).toBe('Relaying Disabled, Control Port (cookie): 10.0.0.2:9051');
  });

  it('replaces the ports row with the connection state', () => {
    const banner = selectPortsRow(disconnectedFacts, NOW_MS, 120);
    expect(text(banner)).toBe('Tor Disconnected at 11:59:57 — retrying in 5s (press r to reconnect now)');
    expect(banner[0]!.style).toEqual({ fg: 'red', bold: true });
    const due = { ...disconnectedFacts, connection: { ...disconnectedFacts.connection, retryAtMs: NOW_MS - 1 } } as HeaderFacts;
    expect(text(selectPortsRow(due, NOW_MS, 120))).toBe('Tor Disconnected at 11:59:57 — retrying now (press r to reconnect now)');
    const manual = { ...disconnectedFacts, connection: { ...disconnectedFacts.connection, retryAtMs: undefined } } as HeaderFacts;
    expect(text(selectPortsRow(manual, NOW_MS, 120))).toBe('Tor Disconnected at 11:59:57 (press r to reconnect)');
    expect(text(selectPortsRow(connectingFacts, NOW_MS, 120))).toBe('Connecting to 127.0.0.1:9051…');
  });

  it('freezes uptime at the disconnect', () => {
    expect(text(selectResourcesRow(disconnectedFacts, NOW_MS + 60_000, 80))).toContain('uptime: 2-03:04:02');
  });

  it.each([
    [599, undefined],
    [600, { fg: 'yellow' }],
    [650, { fg: 'yellow' }],
    [920, { fg: 'red' }],
    [950, { fg: 'red', bold: true }],
    [970, { fg: 'red', bold: true }],
  ])('fd usage %i/1000 is shown as %j', (used, style) => {
    const row = selectFingerprintRow(withFdUse(used), 120);
    const pct = Math.floor(used / 10);
    if (style === undefined) expect(text(row)).toBe('fingerprint: 9695DFC35FFEB861329B9F1AB04C46397020CE31');
    else {
      expect(text(row)).toBe(`fingerprint: 9695DFC35FFEB861329B9F1AB04C46397020CE31, file descriptors: ${used} / 1000 (${pct}%)`);
      expect(row.at(-1)!.style).toEqual(style);
    }
  });

  it('shortens the fd label before cutting it', () => {
    expect(text(selectFingerprintRow(withFdUse(650), 80))).toBe('fingerprint: 9695DFC35FFEB861329B9F1AB04C46397020CE31, fds: 650 / 1000 (65%)');
    expect(text(selectFingerprintRow(withFdUse(650), 60))).toBe('fingerprint: 9695DFC35FFEB861329B9F1AB04C46397020CE31, fds:…');
  });

  it('colours flags, and says none or unknown', () => {
    const row = selectFlagsRow({ ...relayFacts, flags: ['Running', 'BadExit', 'Authority', 'HSDir', 'Shiny'] }, 120);
    expect(text(row)).toBe('flags: Running, BadExit, Authority, HSDir, Shiny');
    expect(styleOf(row, 'Running')).toEqual({ fg: 'green', bold: true });
    expect(styleOf(row, 'BadExit')).toEqual({ fg: 'red', bold: true });
    expect(styleOf(row, 'Authority')).toEqual({ fg: 'white', bold: true });
    expect(styleOf(row, 'HSDir')).toEqual({ fg: 'magenta', bold: true });
    expect(styleOf(row, 'Shiny')).toEqual({ bold: true });
    // Not all green: six flags a busy exit holds, six colours.
    const exit = selectFlagsRow({ ...relayFacts, flags: ['Exit', 'Fast', 'Guard', 'HSDir', 'Running', 'V2Dir'] }, 120);
    const colours = new Set(['Exit', 'Fast', 'Guard', 'HSDir', 'Running', 'V2Dir'].map((f) => styleOf(exit, f)?.fg));
    expect(colours.size).toBe(6);
    expect(text(selectFlagsRow({ ...relayFacts, flags: [] }, 80))).toBe('flags: none');
    expect(text(selectFlagsRow({ ...relayFacts, flags: undefined }, 80))).toBe('flags: unknown');
    expect(styleOf(selectFlagsRow({ ...relayFacts, flags: ['constructor'] }, 80), 'constructor')).toEqual({ bold: true });
  });

  it('shows the exit policy as written, accept green, reject red, tor\'s additions as <default>', () => {
    const subnet = { rules: [{ action: 'accept', text: 'accept 1.2.3.0/24:443' }], tail: 'default' } as const;
    const row = selectExitPolicyRow({ ...relayFacts, exitPolicy: subnet }, 120);
    expect(text(row)).toBe('exit policy: accept 1.2.3.0/24:443, <default>');
    expect(styleOf(row, 'accept 1.2.3.0/24:443')).toEqual({ fg: 'green', bold: true });
    expect(styleOf(row, '<default>')).toEqual({ fg: 'cyan', bold: true });
    const loopback = { rules: [{ action: 'accept', text: 'accept 127.0.0.0/8:*' }, { action: 'reject', text: 'reject *:*' }], tail: undefined } as const;
    const row2 = selectExitPolicyRow({ ...relayFacts, exitPolicy: loopback }, 120);
    expect(text(row2)).toBe('exit policy: accept 127.0.0.0/8:*, reject *:*');
    expect(styleOf(row2, 'reject *:*')).toEqual({ fg: 'red', bold: true });
    expect(text(selectExitPolicyRow({ ...relayFacts, exitPolicy: loopback }, 30))).toBe('exit policy: accept 127.0.0.0…');
    expect(text(selectExitPolicyRow({ ...relayFacts, exitPolicy: { rules: [], tail: 'reduced' } }, 80))).toBe('exit policy: <reduced>');
  });

  it('offers NEWNYM to connected clients', () => {
    expect(text(selectNewnymRow(clientFacts, 80))).toBe('building circuits, available again in 8 seconds');
    expect(text(selectNewnymRow({ ...clientFacts, newnymWaitMs: 900 }, 80))).toBe('building circuits, available again in 1 second');
    expect(text(selectNewnymRow({ ...clientFacts, newnymWaitMs: 0 }, 80))).toBe("press 'n' for a new identity");
    expect(selectNewnymRow({ ...clientFacts, newnymWaitMs: undefined }, 80)).toBeUndefined();
    expect(selectNewnymRow({ ...clientFacts, connection: disconnectedFacts.connection }, 80)).toBeUndefined();
  });

  it('shows bootstrap progress with a bar and its warning, and network down', () => {
    const lines = selectHeaderLines(bootstrappingFacts, NOW_MS, 80).map(text);
    expect(lines.slice(-2)).toEqual(['bootstrapping 45%: Loading relay descriptors  [####------]', 'bootstrap warning: Connection refused (DONE; CONNECTREFUSED)']);
    expect(text(selectHeaderLines(bootstrappingFacts, NOW_MS, 80, { unicode: true }).at(-2))).toContain('[████░░░░░░]');
    expect(text(selectHeaderLines(bootstrappingFacts, NOW_MS, 50).at(-2))).toBe('bootstrapping 45%: Loading relay descriptors');
    const done = { ...bootstrappingFacts, bootstrap: { ...bootstrappingFacts.bootstrap!, progress: 100 } };
    expect(selectHeaderLines(done, NOW_MS, 80)).toHaveLength(4);
    const down = selectHeaderLines({ ...bootstrappingFacts, liveness: 'down' }, NOW_MS, 120);
    expect(text(down.at(-2))).toBe('network: down   bootstrapping 45%: Loading relay descriptors  [####------]');
    expect(text(selectHeaderLines(networkDownFacts, NOW_MS, 80).at(-1))).toBe('network: down');
  });

  it('sanitises everything from tor and escapes tag syntax', () => {
    for (const width of [160, 80]) {
      for (const line of selectHeaderLines(hostileFacts, NOW_MS, width)) {
        // eslint-disable-next-line no-control-regex
        for (const s of line) expect(s.text).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      }
    }
    const lines = selectHeaderLines(hostileFacts, NOW_MS, 160).map(text);
    expect(lines[1]).toContain('evil{red-fg}nick{/red-fg} - 203.0.113.7:9001');
    expect(lines[2]).toContain('flags: Running, {bold}FakeFlag, Valid  Injected, C1');
    const markup = selectHeaderLines(hostileFacts, NOW_MS, 160).map((l) => renderLine(l, { colors: true }));
    expect(markup[1]).toContain('evil{open}red-fg{close}nick{open}/red-fg{close} - ');
    expect(markup[2]).toContain('{bold}{open}bold{close}FakeFlag{/bold}');
    expect(markup[0]).toContain('Tor 0.4.9.11{open}bold{close}');
  });
});
