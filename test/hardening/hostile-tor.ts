// A FakeTor that puts terminal escape sequences into every string a monitor shows (nickname,
// version, flags, descriptor contact/platform, log lines, exit targets, circuit paths, config), and
// the checks on what reached the terminal. Test data only: it must not depend on the app's layout.
import { FakeTor } from '../helpers/fake-tor.js';

/** Byte string (one char per byte, as on the wire): CSI, OSC title, OSC 8 link, DCS, C1 CSI (raw and UTF-8), RLO, blessed tags. */
export const PAYLOAD =
  'X\x1b[3J\x1b[6n\x1b]0;PWNED\x07\x1b]8;;http://evil.example/\x1b\\LINK\x1b]8;;\x1b\\\x1bP1$qm\x1b\\\x9b21t\xc2\x9b5n\xe2\x80\xaeRLO{bold}B{/bold}Y';

/** The payload as text (tor's configuration values are human strings in FakeTor, sent UTF-8 encoded). */
export const PAYLOAD_TEXT = Buffer.from(PAYLOAD, 'latin1').toString('utf8');

/** What the payload shows as once sanitised: sequences and controls gone, the stray 0x9b byte U+FFFD, tags literal. */
export const SHOWN = 'XLINK\ufffd21tRLO{bold}B{/bold}Y';

export const OUR_FP = 'A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2';
export const PEER_FP = '3EE5BD82604FF4A5E8C96565300270AA38B9FE8A';
export const EXIT_FP = '9695DFC35FFEB861329B9F1AB04C46397020CE31';

const id64 = (fp: string) => Buffer.from(fp, 'hex').toString('base64').replace(/=+$/, '');
const rLine = (nick: string, fp: string, address: string, flags: string) =>
  `r ${nick} ${id64(fp)} AAAAAAAAAAAAAAAAAAAAAAAAAAA 2026-11-27 09:00:00 ${address} 9001 0\ns ${flags}\nw Bandwidth=5000`;

/** The GETINFO answers the header needs, so it draws fully. */
export const HEADER_INFO = {
  uptime: '93784',
  'status/version/current': 'recommended',
  'net/listeners/or': '"198.51.100.7:9001"',
  'net/listeners/dir': '',
  'process/descriptor-limit': '4096',
  'status/bootstrap-phase': 'NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY="Done"',
  'network-liveness': 'up',
} as const;

export function hostileTor(): FakeTor {
  const tor = new FakeTor({
    info: {
      ...HEADER_INFO,
      version: `0.4.9.11-${PAYLOAD}`,
      fingerprint: OUR_FP,
      'net/listeners/or': '"198.51.100.7:9001"',
      'net/listeners/control': '"127.0.0.1:9051"',
      'net/listeners/socks': '',
      'net/listeners/trans': '',
      'net/listeners/natd': '',
      'net/listeners/httptunnel': '',
      'config/defaults': 'ORPort 0',
      'process/uid': '108',
      'ip-to-country/ipv4-available': '0',
      'ip-to-country/ipv6-available': '0',
      'exit-policy/full': 'accept *:443\nreject *:*',
      [`ns/id/${OUR_FP}`]: `${rLine('Evil', OUR_FP, '198.51.100.7', `Fast Running ${PAYLOAD} Valid`)}`,
      'ns/all': [rLine('Evil', PEER_FP, '203.0.113.20', `Fast Guard Running ${PAYLOAD}`), rLine('exiter', EXIT_FP, '192.0.2.50', 'Exit Fast Running Valid')].join('\n'),
      'orconn-status': `$${PEER_FP}~Evil CONNECTED`,
      'circuit-status': `12 BUILT $${PEER_FP}~Evil,$${EXIT_FP}~exiter BUILD_FLAGS=NEED_CAPACITY PURPOSE=GENERAL TIME_CREATED=2026-11-27T11:55:00.000000`,
      'stream-status': `70 SUCCEEDED 12 ev${PAYLOAD.replace(/[ ]/g, '')}il.example:443`,
      'config-text': `Nickname ${PAYLOAD}\nContactInfo ${PAYLOAD}\nORPort 9001`,
      'config/names': `Nickname String\nContactInfo String\nORPort LineList`,
    },
    address: '127.0.0.1:9051',
    conf: { Nickname: PAYLOAD_TEXT, ContactInfo: PAYLOAD_TEXT, SocksPort: '0', ORPort: '9001' },
    circuits: ['12'],
  });
  tor.handle('GETINFO', ((prev) => (args: string, conn: Parameters<NonNullable<typeof prev>>[1]) => {
    if (args === `desc/id/${PEER_FP}`)
      return `250+desc/id/${PEER_FP}=\r\nrouter Evil 203.0.113.20 9001 0 0\r\nplatform Tor 0.4.9.11 on ${PAYLOAD}\r\npublished 2026-11-27 10:49:18\r\nbandwidth 1 1 1\r\ncontact ${PAYLOAD}\r\nreject *:*\r\n.\r\n250 OK\r\n`;
    return prev?.(args, conn);
  })(tor.handlerFor('GETINFO')));
  return tor;
}

/** Every injected sequence found in terminal bytes (latin1 byte string); blessed's own output contains none of these. */
export function forbiddenInOutput(bytes: string): string[] {
  const text = Buffer.from(bytes, 'latin1').toString('utf8');
  const found: string[] = [];
  const checks: Array<[string, RegExp]> = [
    ['CSI 3J', /\x1b\[3J/],
    ['CSI 6n (device status report)', /\x1b\[6n/],
    ['CSI 21t (title report)', /\x1b\[21t/],
    ['C1 CSI', /[\u0080-\u009f]/],
    ['DCS', /\x1bP/],
    ['OSC 8 hyperlink', /\x1b\]8;/],
    ['RLO', /[\u202a-\u202e\u2066-\u2069]/],
  ];
  for (const [name, re] of checks) if (re.test(text)) found.push(name);
  // A raw 0x9b byte (8-bit CSI for terminals not in UTF-8 mode) can only appear as invalid UTF-8.
  if (Buffer.from(text, 'utf8').toString('latin1') !== bytes) found.push('invalid UTF-8');
  // blessed sets the title once, to "ortop"; any other OSC came from tor.
  for (const m of text.matchAll(/\x1b\]([^\x07\x1b]*)/g)) if (m[1] !== '0;ortop') found.push(`OSC ${JSON.stringify(m[1])}`);
  return found;
}
