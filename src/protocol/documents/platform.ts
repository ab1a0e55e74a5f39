// The relay software named by a descriptor `platform` line or a status entry `v` line:
// "Tor 0.4.9.11 on Linux" → version "0.4.9.11", OS "Linux". Display data: never throws.

export interface Platform {
  /** "0.4.9.11", "0.2.7.2-alpha-dev"; undefined when the software is not "Tor <version>". */
  readonly torVersion: string | undefined;
  /** Text after " on ", e.g. "Linux", "Windows 8"; undefined when absent. */
  readonly operatingSystem: string | undefined;
}

const TOR_VERSION = /^[0-9]+\.[0-9]+\.[0-9]+(?:\.[0-9]+)?(?:-[0-9A-Za-z.+-]+)?$/;

/**
 * dir-spec §2.1.1: "platform" string — by convention "Tor" SP version [SP "(" git-tag ")"] SP "on" SP OS;
 * dir-spec §3.4.1: "v" SP version — "Tor" SP version.
 */
export function parsePlatform(platform: string): Platform {
  const on = platform.indexOf(' on ');
  const software = on < 0 ? platform : platform.slice(0, on);
  const os = on < 0 ? undefined : platform.slice(on + 4).trim();
  const words = software.trim().split(/\s+/);
  const version = words[0] === 'Tor' ? words[1] : undefined;
  return {
    torVersion: version !== undefined && TOR_VERSION.test(version) ? version : undefined,
    operatingSystem: os === '' ? undefined : os,
  };
}
