// Which option tor reads for a name written in SETCONF, RESETCONF or GETCONF, done as tor does it
// (src/lib/confmgt/confmgt.c, config_find_option_name and config_assign): Pure; knows no values.
//   1. tor's abbreviation table rewrites the name (exact, case-insensitive): MaxConn → ConnLimit;
//   2. an option whose name equals it, case-insensitively;
//   3. otherwise the FIRST option, in tor's case-insensitive alphabetical order, whose name starts
//      with it: "ControlP" is ControlPort, "Control" is the obsolete ControlListenAddress, "C" is
//      CacheDirectory (tor logs "The abbreviation … is deprecated" and obeys).
// tor's order includes options it does not list in config/names (obsolete ones): TOR_UNLISTED_OPTION_NAMES.
import { TOR_OPTION_ABBREVIATIONS } from '../torrc/option-aliases.js';

/**
 * Options tor 0.4.9.11 knows but leaves out of GETINFO config/names (OBSOLETE(...) and VAR_INVIS in
 * tor's config.c). Each one answers an exact GETCONF on tor 0.4.9.11 (checked against the binary).
 */
export const TOR_UNLISTED_OPTION_NAMES: readonly string[] = [
  'AllowDotExit', 'AllowInvalidNodes', 'AllowSingleHopCircuits', 'AllowSingleHopExits', 'AlternateHSAuthority',
  'AndroidIdentityTag', 'AuthDirBadDir', 'AuthDirBadDirCCs', 'AuthDirListBadDirs', 'AuthDirMaxServersPerAuthAddr',
  'AuthDirRejectUnlisted', 'CircuitIdleTimeout', 'ClientAutoIPv6ORPort',
  'ClientBootstrapConsensusAuthorityOnlyMaxDownloadTries', 'ClientBootstrapConsensusMaxDownloadTries',
  'CloseHSClientCircuitsImmediatelyOnTimeout', 'CloseHSServiceRendCircuitsImmediatelyOnTimeout', 'ControlListenAddress',
  'DirListenAddress', 'DisableIOCP', 'DisableV2DirectoryInfo_', 'DNSListenAddress', 'DynamicDHGroups', 'ExcludeSingleHopRelays',
  'FallbackNetworkstatusFile', 'FastFirstHopPK', 'FetchV2Networkstatus', 'Group', 'HiddenServiceAuthorizeClient', 'HidServAuth',
  'HidServDirectoryV2', 'MaxOnionsPending', 'NamingAuthoritativeDirectory', 'NATDListenAddress', 'OptimisticData',
  'ORListenAddress', 'PathBiasDisableRate', 'PathBiasMultFactor', 'PathBiasScaleFactor', 'PathBiasUseCloseCounts',
  'PortForwarding', 'PortForwardingHelper', 'PredictedPortsRelevanceTime', 'PreferTunneledDirConns', 'RecommendedPackages',
  'RunTesting', 'SchedulerHighWaterMark__', 'SchedulerLowWaterMark__', 'SchedulerMaxFlushCells__', 'SocksListenAddress',
  'StrictEntryNodes', 'StrictExitNodes', 'Support022HiddenServices', 'TestingCertMaxDownloadTries',
  'TestingConsensusMaxDownloadTries', 'TestingDescriptorMaxDownloadTries', 'TestingEnableTbEmptyEvent',
  'TestingEstimatedDescriptorPropagationTime', 'TestingMicrodescMaxDownloadTries', 'TLSECGroup', 'Tor2webMode',
  'Tor2webRendezvousPoints', 'TransListenAddress', 'TunnelDirConns', 'UseEntryGuardsAsDirGuards',
  'UseFilteringSSLBufferevents', 'UseNTorHandshake', 'UserspaceIOCPBuffers', 'V1AuthoritativeDirectory',
  'V2AuthoritativeDirectory', 'VoteOnHidServDirectoriesV2', 'WarnUnsafeSocks', '__UseFilteringSSLBufferevents',
  '___UsingTestNetworkDefaults',
];

/** Every option name tor has, in the order tor searches them (strcasecmp order). */
export interface OptionNameIndex {
  readonly sorted: readonly string[];
  readonly byLower: ReadonlyMap<string, string>;
}

/** `listed`: tor's config/names (or any canonical names); the unlisted ones and `extra` are added. */
export function indexOptionNames(listed: readonly string[], extra: readonly string[] = []): OptionNameIndex {
  const byLower = new Map<string, string>();
  for (const name of [...listed, ...TOR_UNLISTED_OPTION_NAMES, ...extra]) if (name !== '' && !byLower.has(name.toLowerCase())) byLower.set(name.toLowerCase(), name);
  const lowers = [...byLower.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { sorted: lowers.map((l) => byLower.get(l)!), byLower };
}

export type ResolvedOptionName =
  /** 'alias': from tor's abbreviation table; 'prefix': the first option starting with what was written. */
  | { readonly kind: 'exact' | 'alias' | 'prefix'; readonly written: string; readonly name: string }
  | { readonly kind: 'unknown'; readonly written: string };

export function resolveOptionName(written: string, index: OptionNameIndex): ResolvedOptionName {
  if (written === '') return { kind: 'unknown', written };
  const alias = TOR_OPTION_ABBREVIATIONS.get(written.toLowerCase());
  const key = (alias ?? written).toLowerCase();
  const exact = index.byLower.get(key);
  if (exact !== undefined) return { kind: alias === undefined ? 'exact' : 'alias', written, name: exact };
  const first = index.sorted.find((n) => n.toLowerCase().startsWith(key));
  return first === undefined ? { kind: 'unknown', written } : { kind: 'prefix', written, name: first };
}
