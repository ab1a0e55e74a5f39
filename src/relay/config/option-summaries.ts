// Short summaries of the options relay operators meet most, for the config page's list: at most 25
// cells, so they fit whole beside name and value on an 80-column screen, where the manual's first
// sentence would be cut. Our own words (after tor 0.4.9's manual); other options get the manual's.

const SUMMARIES: Readonly<Record<string, string>> = {
  // Identity and contact
  Nickname: 'name in the consensus',
  ContactInfo: 'how to reach the operator',
  MyFamily: "operator's other relays",
  FamilyId: 'family key IDs',
  Address: "relay's public address",
  AddressDisableIPv6: 'never guess IPv6 address',
  OutboundBindAddress: 'source address going out',
  OutboundBindAddressOR: 'source address to relays',
  OutboundBindAddressExit: 'source address for exits',
  // Listeners
  ORPort: 'port for relays, clients',
  DirPort: 'directory port (HTTP)',
  SocksPort: 'port for local apps',
  ControlPort: 'port for controllers',
  ControlSocket: 'socket for controllers',
  MetricsPort: 'Prometheus metrics port',
  MetricsPortPolicy: 'who may read metrics',
  DNSPort: 'DNS through tor',
  TransPort: 'transparent proxy port',
  HTTPTunnelPort: 'HTTP CONNECT proxy port',
  ExtORPort: 'port for transports',
  // Authentication
  CookieAuthentication: 'auth by cookie file',
  CookieAuthFile: 'where the cookie is',
  CookieAuthFileGroupReadable: 'group may read cookie',
  HashedControlPassword: 'auth by password',
  // Bandwidth and accounting
  BandwidthRate: 'average bandwidth limit',
  BandwidthBurst: 'burst bandwidth limit',
  RelayBandwidthRate: 'average relayed bandwidth',
  RelayBandwidthBurst: 'burst relayed bandwidth',
  MaxAdvertisedBandwidth: 'cap on advertised speed',
  PerConnBWRate: 'average per connection',
  PerConnBWBurst: 'burst per connection',
  AccountingMax: 'traffic cap per period',
  AccountingStart: 'when periods start',
  AccountingRule: 'what counts to the cap',
  // Exit policy
  ExitRelay: 'allow exit traffic',
  ExitPolicy: 'where exits may go',
  ExitPolicyRejectPrivate: 'no exits to private nets',
  ExitPolicyRejectLocalInterfaces: 'no exits to own addresses',
  IPv6Exit: 'allow IPv6 exit traffic',
  ReducedExitPolicy: 'use reduced exit policy',
  ReevaluateExitPolicy: 'recheck streams on change',
  // Relay role
  BridgeRelay: 'act as a bridge',
  BridgeDistribution: 'how BridgeDB hands it out',
  PublishServerDescriptor: 'where to publish',
  ServerTransportPlugin: "bridge's transport",
  ServerTransportListenAddr: 'where a transport listens',
  ServerTransportOptions: 'options for a transport',
  AssumeReachable: 'skip reachability test',
  AssumeReachableIPv6: 'skip IPv6 reachability',
  DirCache: 'serve directory data',
  DirPortFrontPage: 'HTML page on the DirPort',
  ShutdownWaitLength: 'wait before shutdown',
  HeartbeatPeriod: 'heartbeat log interval',
  MainloopStats: 'log main loop stats',
  // Resources
  MaxMemInQueues: 'memory cap for cells',
  ConnLimit: 'minimum file descriptors',
  NumCPUs: 'crypto worker threads',
  DisableAllSwap: 'never swap memory',
  AvoidDiskWrites: 'write to disk less',
  HardwareAccel: 'hardware crypto',
  // Files and process
  DataDirectory: 'state and keys',
  CacheDirectory: 'directory cache',
  KeyDirectory: "relay's keys",
  PidFile: "file with tor's pid",
  User: 'user to switch to',
  RunAsDaemon: 'run in the background',
  Sandbox: 'syscall sandbox',
  '%include': 'more config files',
  // Logging
  Log: 'where log messages go',
  SafeLogging: 'scrub addresses in logs',
  LogMessageDomains: 'log message domains',
  LogTimeGranularity: 'log timestamp resolution',
  TruncateLogFile: 'empty log on reload',
  // Network and clients
  DisableNetwork: 'no network connections',
  ClientOnly: 'never act as a relay',
  UseBridges: 'connect via bridges',
  Bridge: 'a bridge to use',
  ClientTransportPlugin: 'transport to bridges',
  EntryNodes: 'preferred first hops',
  ExitNodes: 'preferred exits',
  ExcludeNodes: 'relays never used',
  ExcludeExitNodes: 'never used as exits',
  StrictNodes: 'enforce ExcludeNodes',
  UseEntryGuards: 'use long-term guards',
  NumEntryGuards: 'how many guards',
  CircuitBuildTimeout: 'circuit build deadline',
  LearnCircuitBuildTimeout: 'learn build timeout',
  MaxCircuitDirtiness: 'max circuit reuse time',
  NewCircuitPeriod: 'new circuit interval',
  ConnectionPadding: 'pad connections',
  ReducedConnectionPadding: 'pad connections less',
  ClientUseIPv6: 'client may use IPv6',
  ClientPreferIPv6ORPort: 'prefer IPv6 to relays',
  FascistFirewall: 'allowed ports only',
  ReachableAddresses: 'addresses allowed out',
  HTTPSProxy: 'via an HTTPS proxy',
  Socks5Proxy: 'via a SOCKS5 proxy',
  // Onion services
  HiddenServiceDir: 'onion service directory',
  HiddenServicePort: 'onion service port',
  HiddenServiceVersion: 'onion service version',
  // Directory authorities and testing
  DirAuthority: 'authority to trust',
  AlternateBridgeAuthority: 'other bridge authority',
  TestingTorNetwork: 'private test network',
  UseDefaultFallbackDirs: 'built-in fallbacks',
  FallbackDir: 'bootstrap directory',
  // DoS defences
  DoSCircuitCreationEnabled: 'limit circuit creation',
  DoSConnectionEnabled: 'limit connections',
  DoSRefuseSingleHopClientRendezvous: 'refuse single-hop onions',
  // Statistics
  ExtraInfoStatistics: 'publish statistics',
  CellStatistics: 'cell queue statistics',
  DirReqStatistics: 'directory statistics',
  EntryStatistics: 'client statistics',
  ExitPortStatistics: 'exit port statistics',
  HiddenServiceStatistics: 'onion statistics',
  OverloadStatistics: 'report overload',
};

const BY_NAME = new Map(Object.entries(SUMMARIES).map(([name, text]) => [name.toLowerCase(), text]));

/** Our short summary of a common option, or undefined. */
export function optionSummary(name: string): string | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** How many options have our own summary, and which (tests check them against tor's config/names). */
export const OPTION_SUMMARY_COUNT = BY_NAME.size;
export const OPTION_SUMMARY_NAMES: readonly string[] = Object.keys(SUMMARIES);
