// The options a relay operator usually cares about, listed first and shown by default on the
// config page (the rest is one key away). Our own choice; names as tor spells them.

export const IMPORTANT_OPTIONS: readonly string[] = [
  'Nickname',
  'ContactInfo',
  'ORPort',
  'DirPort',
  'Address',
  'OutboundBindAddress',
  'ExitRelay',
  'ExitPolicy',
  'IPv6Exit',
  'MyFamily',
  'FamilyId',
  'BandwidthRate',
  'BandwidthBurst',
  'RelayBandwidthRate',
  'RelayBandwidthBurst',
  'MaxAdvertisedBandwidth',
  'AccountingMax',
  'AccountingStart',
  'BridgeRelay',
  'ServerTransportPlugin',
  'PublishServerDescriptor',
  'ControlPort',
  'ControlSocket',
  'CookieAuthentication',
  'HashedControlPassword',
  'SocksPort',
  'MetricsPort',
  'DataDirectory',
  'Log',
  'RunAsDaemon',
  'User',
  'MaxMemInQueues',
  'DisableNetwork',
];

const IMPORTANT = new Set(IMPORTANT_OPTIONS.map((n) => n.toLowerCase()));

export const isImportantOption = (name: string): boolean => IMPORTANT.has(name.toLowerCase());
