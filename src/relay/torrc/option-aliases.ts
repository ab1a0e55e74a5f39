// Old and abbreviated option names tor still accepts in a torrc, and what it reads them as
// (tor's option_abbrevs_ table in src/app/config/config.c: singular forms of plural options and
// renamed options; command-line-only ones left out). Used instead of asking tor with GETCONF,
// which makes tor log a WARN for each such name.

const SINGULAR_OF_PLURAL = [
  'AuthDirBadDirCC', 'AuthDirBadExitCC', 'AuthDirInvalidCC', 'AuthDirMiddleOnlyCC', 'AuthDirRejectCC', 'EntryNode', 'ExcludeNode',
  'FirewallPort', 'LongLivedPort', 'HiddenServiceNode', 'HiddenServiceExcludeNode', 'NumCPU', 'RendNode', 'RecommendedPackage',
  'RendExcludeNode', 'StrictEntryNode', 'StrictExitNode', 'StrictNode',
];

const RENAMED: ReadonlyArray<readonly [string, string]> = [
  ['AllowUnverifiedNodes', 'AllowInvalidNodes'],
  ['AutomapHostSuffixes', 'AutomapHostsSuffixes'],
  ['AutomapHostOnResolve', 'AutomapHostsOnResolve'],
  ['BandwidthRateBytes', 'BandwidthRate'],
  ['BandwidthBurstBytes', 'BandwidthBurst'],
  ['DirFetchPostPeriod', 'StatusFetchPeriod'],
  ['DirServer', 'DirAuthority'],
  ['MaxConn', 'ConnLimit'],
  ['MaxMemInCellQueues', 'MaxMemInQueues'],
  ['ORBindAddress', 'ORListenAddress'],
  ['DirBindAddress', 'DirListenAddress'],
  ['SocksBindAddress', 'SocksListenAddress'],
  ['UseHelperNodes', 'UseEntryGuards'],
  ['NumHelperNodes', 'NumEntryGuards'],
  ['UseEntryNodes', 'UseEntryGuards'],
  ['NumEntryNodes', 'NumEntryGuards'],
  ['ResolvConf', 'ServerDNSResolvConfFile'],
  ['SearchDomains', 'ServerDNSSearchDomains'],
  ['ServerDNSAllowBrokenResolvConf', 'ServerDNSAllowBrokenConfig'],
  ['PreferTunnelledDirConns', 'PreferTunneledDirConns'],
  ['BridgeAuthoritativeDirectory', 'BridgeAuthoritativeDir'],
  ['VirtualAddrNetwork', 'VirtualAddrNetworkIPv4'],
  ['SocksSocketsGroupWritable', 'UnixSocksGroupWritable'],
  ['_HSLayer2Nodes', 'HSLayer2Nodes'],
  ['_HSLayer3Nodes', 'HSLayer3Nodes'],
];

/** DOWNLOAD_SCHEDULE(name) in tor's table: "<name>DownloadSchedule" → "<name>DownloadInitialDelay". */
const DOWNLOAD_SCHEDULES = [
  'ClientBootstrapConsensusAuthority', 'ClientBootstrapConsensusAuthorityOnly', 'ClientBootstrapConsensusFallback', 'TestingBridge',
  'TestingBridgeBootstrap', 'TestingClient', 'TestingClientConsensus', 'TestingServer', 'TestingServerConsensus',
];

/** tor's abbreviation table (config and control port, not the command line): lower-cased written name → the name tor reads. */
export const TOR_OPTION_ABBREVIATIONS: ReadonlyMap<string, string> = new Map<string, string>([
  ...SINGULAR_OF_PLURAL.map((s): [string, string] => [s.toLowerCase(), `${s}s`]),
  ...RENAMED.map(([a, b]): [string, string] => [a.toLowerCase(), b]),
  ...DOWNLOAD_SCHEDULES.map((s): [string, string] => [`${s}DownloadSchedule`.toLowerCase(), `${s}DownloadInitialDelay`]),
]);

/**
 * Written (lower-cased) name → canonical name, or null for a name this tor does not know; only
 * aliases whose target this tor lists count. `unlisted` are the names the file uses that
 * config/names does not list.
 */
export function resolveOptionAliases(unlisted: readonly string[], listed: ReadonlyMap<string, { readonly name: string }>): Map<string, string | null> {
  const table = TOR_OPTION_ABBREVIATIONS;
  const out = new Map<string, string | null>();
  for (const name of unlisted) {
    const target = table.get(name.toLowerCase());
    const canonical = target === undefined ? undefined : listed.get(target.toLowerCase())?.name;
    out.set(name.toLowerCase(), canonical ?? null);
  }
  return out;
}
