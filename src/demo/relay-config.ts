// The demo relay's configuration: the options a monitor reads (with tor's type names and
// defaults for config/names and config/defaults), their current and saved values, value checks for
// SETCONF with tor's error texts, and config-text. No side effects: demo-tor applies changes.

import type { ConfSchema, ConfValues } from './conf-edit.js';
import { formatConfLines } from './reply-format.js';

interface OptionSpec {
  readonly name: string;
  readonly type: string;
  readonly defaults: ConfValues;
  readonly initial?: ConfValues;
  readonly immutable?: boolean;
}

const o = (name: string, type: string, defaults: string | string[] | null, initial?: string | string[] | null, immutable = false): OptionSpec => ({
  name,
  type,
  defaults: defaults === null ? null : typeof defaults === 'string' ? [defaults] : defaults,
  ...(initial === undefined ? {} : { initial: initial === null ? null : typeof initial === 'string' ? [initial] : initial }),
  immutable,
});

export const DEMO_EXIT_POLICY = [
  'accept *:20-23,accept *:43,accept *:53,accept *:79-81,accept *:110,accept *:143,accept *:194,accept *:220,accept *:443',
  'accept *:853,accept *:873,accept *:989-995,accept *:1194,accept *:5222-5223,accept *:6660-6669,accept *:6697,accept *:8080,accept *:8443,accept *:9418',
  'reject *:*',
];

const OPTIONS: readonly OptionSpec[] = [
  o('Nickname', 'String', null, 'ortopDemo'),
  o('Address', 'LineList', null, '198.51.100.7'),
  o('ContactInfo', 'String', null, 'ortop demo operator <ortop-demo AT example dot org>'),
  o('ORPort', 'LineList', null, '9001'),
  o('DirPort', 'LineList', null, '9030'),
  o('SocksPort', 'LineList', null, '127.0.0.1:9050'),
  o('ControlPort', 'LineList', null, '127.0.0.1:9051'),
  o('ControlSocket', 'LineList', null),
  o('CookieAuthentication', 'Boolean', '0'),
  o('HashedControlPassword', 'LineList', null),
  o('DisableDebuggerAttachment', 'Boolean', '1'),
  o('ExitRelay', 'Boolean+Auto', 'auto', '1'),
  o('ExitPolicy', 'LineList', null, DEMO_EXIT_POLICY),
  o('ExitPolicyRejectPrivate', 'Boolean', '1'),
  o('IPv6Exit', 'Boolean', '0'),
  o('BandwidthRate', 'DataSize', '1073741824', '6291456'),
  o('BandwidthBurst', 'DataSize', '1073741824', '12582912'),
  o('RelayBandwidthRate', 'DataSize', '0'),
  o('RelayBandwidthBurst', 'DataSize', '0'),
  o('MaxAdvertisedBandwidth', 'DataSize', '1073741824'),
  o('AccountingMax', 'DataSize', '0'),
  o('AccountingStart', 'String', null),
  o('AccountingRule', 'String', 'max'),
  o('Log', 'LineList', null, ['notice file /var/log/tor/notices.log']),
  o('DataDirectory', 'Filename', null, '/var/lib/tor', true),
  o('User', 'String', null, 'debian-tor', true),
  o('RunAsDaemon', 'Boolean', '0', '1', true),
  o('PidFile', 'Filename', null, '/run/tor/tor.pid', true),
  o('Sandbox', 'Boolean', '0', null, true),
  o('MyFamily', 'LineList', null),
  o('NumCPUs', 'Integer', '0'),
  o('ConnLimit', 'Integer', '1000'),
  o('MaxMemInQueues', 'DataSize', '0', '2147483648'),
  o('HeartbeatPeriod', 'TimeInterval', '21600'),
  o('KeepalivePeriod', 'TimeInterval', '300'),
  o('ShutdownWaitLength', 'TimeInterval', '30'),
  o('MaxCircuitDirtiness', 'TimeInterval', '600'),
  o('NewCircuitPeriod', 'TimeInterval', '30'),
  o('DisableNetwork', 'Boolean', '0'),
  o('DirCache', 'Boolean', '1'),
  o('BridgeRelay', 'Boolean', '0'),
  o('PublishServerDescriptor', 'CommaList', '1'),
  o('UseMicrodescriptors', 'Boolean+Auto', 'auto'),
  o('SafeLogging', 'String', '1'),
  o('GeoIPFile', 'Filename', '/usr/share/tor/geoip'),
  o('GeoIPv6File', 'Filename', '/usr/share/tor/geoip6'),
  o('HiddenServiceStatistics', 'Boolean', '1'),
  o('ExtraInfoStatistics', 'Boolean', '1'),
  o('DoSCircuitCreationEnabled', 'Boolean+Auto', 'auto'),
  o('DoSConnectionEnabled', 'Boolean+Auto', 'auto'),
  o('OutboundBindAddress', 'LineList', null),
  o('HiddenServiceOptions', 'Virtual', null),
];

const SIZE_UNITS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(b|byte|bytes)?$/i, 1],
  [/^(kb|kbyte|kbytes|kilobyte|kilobytes)$/i, 1024],
  [/^(mb|mbyte|mbytes|megabyte|megabytes)$/i, 1024 ** 2],
  [/^(gb|gbyte|gbytes|gigabyte|gigabytes)$/i, 1024 ** 3],
  [/^(tb|tbyte|tbytes|terabyte|terabytes)$/i, 1024 ** 4],
  [/^(kbit|kbits|kilobit|kilobits)$/i, 128],
  [/^(mbit|mbits|megabit|megabits)$/i, 131072],
  [/^(gbit|gbits|gigabit|gigabits)$/i, 134217728],
];
const TIME_UNITS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(s|sec|secs|second|seconds)?$/i, 1],
  [/^(min|mins|minute|minutes)$/i, 60],
  [/^(hour|hours)$/i, 3600],
  [/^(day|days)$/i, 86400],
  [/^(week|weeks)$/i, 604800],
];

function parseUnits(value: string, units: ReadonlyArray<readonly [RegExp, number]>): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$/.exec(value);
  if (m === null) return undefined;
  const unit = units.find(([re]) => re.test(m[2]!));
  return unit === undefined ? undefined : Math.round(Number(m[1]) * unit[1]);
}

/** Options by canonical name, with current and saved values (what the torrc on "disk" holds). */
export class RelayConfig implements ConfSchema {
  private readonly specs = new Map<string, OptionSpec>();
  private readonly lower = new Map<string, string>();
  private readonly values = new Map<string, ConfValues>();
  private saved = new Map<string, ConfValues>();

  constructor() {
    for (const spec of OPTIONS) {
      this.specs.set(spec.name, spec);
      this.lower.set(spec.name.toLowerCase(), spec.name);
      this.values.set(spec.name, spec.initial === undefined ? spec.defaults : spec.initial);
    }
    this.saved = new Map(this.values);
  }

  find(name: string): string | undefined {
    return this.lower.get(name.toLowerCase());
  }

  defaultOf(key: string): ConfValues {
    return this.specs.get(key)?.defaults ?? null;
  }

  isImmutable(key: string): boolean {
    return this.specs.get(key)?.immutable === true;
  }

  check(key: string, value: string): { readonly value: string } | { readonly error: string } {
    const type = this.specs.get(key)?.type;
    const malformed = { error: `Could not parse ${key}: Provided value is malformed or out of bounds: Unable to parse ${value} as a number` };
    switch (type) {
      case 'DataSize': {
        const bytes = parseUnits(value, SIZE_UNITS);
        return bytes === undefined ? malformed : { value: String(bytes) };
      }
      case 'TimeInterval': {
        const seconds = parseUnits(value, TIME_UNITS);
        return seconds === undefined ? malformed : { value: String(seconds) };
      }
      case 'Integer':
        return /^\s*-?\d+\s*$/.test(value) ? { value: value.trim() } : malformed;
      case 'Boolean':
        return value === '0' || value === '1' ? { value } : { error: `Could not parse ${key}: Unrecognized value ${value}. Allowed values are 0 and 1.` };
      case 'Boolean+Auto':
        return /^(0|1|auto)$/.test(value) ? { value } : { error: `Could not parse ${key}: Unrecognized value ${value}. Allowed values are 0, 1, and auto.` };
      default:
        if (key === 'Nickname' && !/^[A-Za-z0-9]{1,19}$/.test(value)) return { error: `Nickname '${value}', nicknames must be between 1 and 19 characters inclusive, and must contain only the characters [a-zA-Z0-9].` };
        return { value };
    }
  }

  get(key: string): ConfValues {
    return this.values.get(key) ?? null;
  }

  /** The first value, or the default's first value when unset. */
  first(key: string): string | undefined {
    return (this.get(key) ?? this.defaultOf(key) ?? [])[0];
  }

  lines(key: string): readonly string[] {
    return this.get(key) ?? this.defaultOf(key) ?? [];
  }

  /** Applies new values; returns the keys whose value really changed. */
  apply(updates: ReadonlyMap<string, ConfValues>): string[] {
    const changed: string[] = [];
    for (const [key, value] of updates) {
      if (JSON.stringify(this.values.get(key) ?? null) !== JSON.stringify(value)) changed.push(key);
      this.values.set(key, value);
    }
    return changed;
  }

  /** SAVECONF: what is running becomes what the torrc holds. */
  save(): void {
    this.saved = new Map(this.values);
  }

  /** SIGNAL RELOAD: back to the saved torrc; returns the keys that changed. */
  reload(): string[] {
    return this.apply(this.saved);
  }

  /** CONF_CHANGED lines for these options. */
  confChangedLines(keys: readonly string[]): string[] {
    return keys.flatMap((k) => formatConfLines(k, this.get(k)));
  }

  /** GETINFO config/names: "Name Type" lines. */
  formatNames(): string {
    return OPTIONS.map((s) => `${s.name} ${s.type}`).join('\n');
  }

  /** GETINFO config/defaults: "Name value" lines (values as CStrings where needed; LineLists repeated). */
  formatDefaults(): string {
    return OPTIONS.flatMap((s) => (s.defaults ?? []).map((v) => `${s.name} ${/[\s"\\]/.test(v) ? JSON.stringify(v) : v}`)).join('\n');
  }

  /** GETINFO config-text: the torrc SAVECONF would write (options that differ from their defaults). */
  formatText(): string {
    const lines: string[] = [];
    for (const spec of OPTIONS) {
      const value = this.values.get(spec.name) ?? null;
      if (value === null || JSON.stringify(value) === JSON.stringify(spec.defaults)) continue;
      for (const v of value) lines.push(`${spec.name} ${v}`);
    }
    return lines.join('\n');
  }
}
