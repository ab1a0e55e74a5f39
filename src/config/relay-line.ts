// One `relay` line of the config file, Nyx-style "key value" with the value in words:
//   relay NAME ADDRESS|SOCKET [password_file=PATH]
//   relay exit1 127.0.0.1:9051
//   relay guard /run/tor-instances/guard/control password_file=/etc/ortop/guard.pass
//   relay far ssh://relay@far.example/run/tor/control
// Pure: the address stays as written (the app turns it into a control target); a bad line gives the reason.
import type { ConfigRelay } from './settings.js';

/** Display names: short, printable, no spaces (they are labels in the Relays table and the metrics). */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._@:+-]{0,39}$/;

/** The relay, or why the line cannot be one. */
export function parseRelayLine(value: string, line: number): ConfigRelay | string {
  const words = value.split(/\s+/).filter((w) => w !== '');
  if (words.length < 2) return 'expected "relay NAME ADDRESS|SOCKET [password_file=PATH]", e.g. relay exit1 127.0.0.1:9051';
  const [name, address, ...rest] = words as [string, string, ...string[]];
  if (!NAME.test(name)) return `${JSON.stringify(name.slice(0, 60))} is not a usable name (letters, digits and . _ @ : + -, at most 40, starting with a letter or digit)`;
  if (!/^(ssh:\/\/\S+|\/\S*|\[[0-9A-Fa-f:.]+\]:\d+|[0-9A-Za-z.]*:?\d+)$/.test(address)) {
    return `${JSON.stringify(address.slice(0, 200))} is not a control address (a port, ADDRESS:PORT, [IPv6]:PORT, an absolute socket path or ssh://USER@HOST/PATH)`;
  }
  let passwordFile: string | undefined;
  for (const option of rest) {
    const m = /^password_file=(\/\S*)$/.exec(option);
    if (m === null) return `${JSON.stringify(option.slice(0, 200))} is not understood (only password_file=/ABSOLUTE/PATH may follow the address)`;
    if (passwordFile !== undefined) return 'password_file is given twice';
    passwordFile = m[1]!;
  }
  return passwordFile === undefined ? { name, address, line } : { name, address, passwordFile, line };
}
