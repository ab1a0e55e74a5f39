// Small hand-made GETINFO answers in tor 0.4.9's formats (config/names, config/defaults, config-text).
export const CONFIG_NAMES = [
  'AccountingMax DataSize',
  'BandwidthRate DataSize',
  'ContactInfo String',
  'ControlPort Dependent',
  'ControlPortLines Virtual',
  'CookieAuthentication Boolean',
  'ExitRelay Boolean+Auto',
  'HiddenServiceDir Dependent',
  'HiddenServiceOptions Virtual',
  'Log LineList',
  'LogTimeGranularity TimeMsecInterval',
  'MaxCircuitDirtiness TimeInterval',
  'Nickname String',
  'PublishServerDescriptor CommaList',
  '__OwningControllerProcess String',
  '__ReloadTorrcOnSIGHUP Boolean',
].join('\n');

export const CONFIG_DEFAULTS = [
  '__ReloadTorrcOnSIGHUP "1"',
  'AccountingMax "0 bytes"',
  'BandwidthRate "1 GB"',
  'CookieAuthentication "0"',
  'ExitRelay "auto"',
  'LogTimeGranularity "1 second"',
  'MaxCircuitDirtiness "10 minutes"',
  'PublishServerDescriptor "1"',
  'DirAuthority "moria1 orport=9201 128.31.0.39:9231"',
  'DirAuthority "tor26 orport=443 217.196.147.77:80"',
].join('\n');

export const CONFIG_TEXT = [
  'BandwidthRate 1048576',
  'ContactInfo "caf\\303\\251 <op AT example dot org>"',
  'ControlPort 127.0.0.1:9051',
  'CookieAuthentication 1',
  'Log notice file /var/log/tor/notices.log',
  'Log info file /var/log/tor/info.log',
  'Nickname snowfall',
].join('\n');
