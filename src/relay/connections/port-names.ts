// What an exit connection's destination port is commonly used for, shown beside exits instead of a
// country (as Nyx does). Our own short table of well-known ports; a guess about the application,
// never used to decide a category. Pure.

const PORTS: ReadonlyArray<readonly [number, number, string]> = [
  [20, 21, 'FTP'],
  [22, 22, 'SSH'],
  [23, 23, 'Telnet'],
  [25, 25, 'SMTP'],
  [43, 43, 'WHOIS'],
  [53, 53, 'DNS'],
  [70, 70, 'Gopher'],
  [79, 79, 'Finger'],
  [80, 80, 'HTTP'],
  [110, 110, 'POP3'],
  [119, 119, 'NNTP'],
  [123, 123, 'NTP'],
  [143, 143, 'IMAP'],
  [194, 194, 'IRC'],
  [389, 389, 'LDAP'],
  [443, 443, 'HTTPS'],
  [445, 445, 'SMB'],
  [465, 465, 'SMTPS'],
  [563, 563, 'NNTPS'],
  [587, 587, 'SMTP'],
  [636, 636, 'LDAPS'],
  [853, 853, 'DNS/TLS'],
  [873, 873, 'rsync'],
  [990, 990, 'FTPS'],
  [993, 993, 'IMAPS'],
  [995, 995, 'POP3S'],
  [1194, 1194, 'OpenVPN'],
  [1723, 1723, 'PPTP'],
  [1883, 1883, 'MQTT'],
  [3128, 3128, 'HTTP proxy'],
  [3306, 3306, 'MySQL'],
  [3389, 3389, 'RDP'],
  [4444, 4444, 'I2P'],
  [5060, 5061, 'SIP'],
  [5222, 5223, 'XMPP'],
  [5269, 5269, 'XMPP'],
  [5432, 5432, 'PostgreSQL'],
  [5900, 5900, 'VNC'],
  [6379, 6379, 'Redis'],
  [6660, 6669, 'IRC'],
  [6697, 6697, 'IRC/TLS'],
  [8008, 8008, 'HTTP'],
  [8080, 8080, 'HTTP'],
  [8332, 8333, 'Bitcoin'],
  [8443, 8443, 'HTTPS'],
  [8888, 8888, 'HTTP'],
  [9001, 9001, 'Tor'],
  [9030, 9030, 'Tor'],
  [9050, 9051, 'Tor'],
  [9418, 9418, 'Git'],
  [11371, 11371, 'HKP'],
  [50002, 50002, 'Electrum'],
  [64738, 64738, 'Mumble'],
];

/** "HTTPS" for 443, undefined for ports not in the table. */
export function portUsage(port: number): string | undefined {
  for (const [from, to, name] of PORTS) {
    if (port < from) return undefined;
    if (port <= to) return name;
  }
  return undefined;
}
