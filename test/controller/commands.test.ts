import { describe, expect, it } from 'vitest';
import { NEWNYM_INTERVAL_MS } from '../../src/controller/commands.js';
import { SaveConfFailedError, SaveConfNeedsForceError } from '../../src/controller/errors.js';
import { ProtocolError, ReplyError } from '../../src/protocol/errors.js';
import { settle } from '../helpers/fake-tor.js';
import { openHarness } from './harness.js';

const CONF = { Nickname: 'ortop', ContactInfo: null, ExitPolicy: ['accept *:443', 'reject *:*'], SocksPort: '9050' };

describe('GETINFO / GETCONF helpers', () => {
  it('getInfo fails as a whole when one key fails (tor\'s all-or-nothing)', async () => {
    const { controller } = await openHarness({ info: { fingerprint: { error: '551 Not running in server mode' } } });
    const error = await controller.getInfo(['version', 'fingerprint']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplyError);
    expect((error as ReplyError).code).toBe(551);
    const unknown = await controller.getInfo(['nonexistent', 'other/bogus']).catch((e: unknown) => e);
    expect((unknown as ReplyError).unrecognized).toEqual(['nonexistent', 'other/bogus']);
  });

  it('getInfo keeps data-block values with their line breaks', async () => {
    const { controller } = await openHarness({ info: { 'config-text': 'Nickname ortop\nSocksPort 0' } });
    expect(await controller.getInfoOne('config-text')).toBe('Nickname ortop\nSocksPort 0');
  });

  it('getConf returns LineLists in order and default options as []', async () => {
    const { controller } = await openHarness({ conf: CONF });
    expect(await controller.getConf(['exitpolicy', 'contactinfo'])).toEqual(
      new Map([['ExitPolicy', ['accept *:443', 'reject *:*']], ['ContactInfo', []]]),
    );
  });

  it('getConf keys the answer by the name tor echoes, even when it differs from the one asked', async () => {
    const { tor, controller } = await openHarness({ conf: CONF });
    tor.handle('GETCONF', (args) => (args === 'SocksPortLines' ? '250-SocksPort=127.0.0.1:9050\r\n250 SocksPort=9150\r\n' : undefined));
    expect(await controller.getConf('SocksPortLines')).toEqual(new Map([['SocksPort', ['127.0.0.1:9050', '9150']]]));
    expect(await controller.getConfOne('SocksPortLines')).toEqual(['127.0.0.1:9050', '9150']);
    expect(tor.commands.filter((c) => c === 'GETCONF SocksPortLines')).toHaveLength(2);
  });

  it('getConf of an unknown option is a ReplyError naming it', async () => {
    const { controller } = await openHarness({ conf: CONF });
    const error = await controller.getConf(['Nickname', 'NoSuchOption']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplyError);
    expect((error as ReplyError).unrecognized).toEqual(['NoSuchOption']);
  });
});

describe('changing the configuration', () => {
  it('setConf quotes values, repeats LineList keys and sends bare keys for null', async () => {
    const { tor, controller } = await openHarness({ conf: CONF });
    const changed: string[] = [];
    controller.on('CONF_CHANGED', (_e, reply) => changed.push(reply.lines.map((l) => l.text).join('|')));
    await settle();
    await controller.setConf({ ContactInfo: 'me "at" example', ExitPolicy: ['accept *:80', 'reject *:*'], Nickname: null });
    expect(tor.commands.at(-1)).toBe('SETCONF ContactInfo="me \\"at\\" example" ExitPolicy="accept *:80" ExitPolicy="reject *:*" Nickname');
    await settle();
    expect(changed).toEqual(['CONF_CHANGED|ContactInfo=me "at" example|ExitPolicy=accept *:80|ExitPolicy=reject *:*|Nickname|OK']);
    expect(await controller.getConfOne('ExitPolicy')).toEqual(['accept *:80', 'reject *:*']);
  });

  it('setConf accepts ordered pairs and reports refusals', async () => {
    const { tor, controller } = await openHarness({ conf: CONF });
    await controller.setConf([['Nickname', 'a'], ['SocksPort', '0']]);
    expect(tor.commands.at(-1)).toBe('SETCONF Nickname="a" SocksPort="0"');
    const error = await controller.setConf({ NoSuchOption: '1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplyError);
    expect((error as Error).message).toBe("SETCONF failed: 552 Unrecognized option: Unknown option 'NoSuchOption'.  Failing.");
  });

  it('resetConf sends RESETCONF', async () => {
    const { tor, controller } = await openHarness({ conf: CONF });
    await controller.setConf({ Nickname: 'changed' });
    await controller.resetConf(['Nickname']);
    expect(tor.commands.at(-1)).toBe('RESETCONF Nickname');
    expect(await controller.getConfOne('Nickname')).toEqual(['ortop']);
  });
});

describe('SAVECONF', () => {
  it('saves', async () => {
    const { tor, controller } = await openHarness();
    await controller.saveConf();
    expect(tor.commands.at(-1)).toBe('SAVECONF');
  });

  it('says FORCE is needed when the torrc uses %include (tor 0.4.9.11 answers 551 and config-can-saveconf=0)', async () => {
    const { tor, controller } = await openHarness({ includesInTorrc: true });
    const start = tor.commands.length;
    const error = await controller.saveConf().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SaveConfNeedsForceError);
    expect((error as SaveConfNeedsForceError).kind).toBe('saveconf-needs-force');
    expect((error as Error).message).toContain('Unable to write configuration to disk.');
    expect((error as Error).message).toContain('%include');
    expect(tor.commands.slice(start)).toEqual(['SAVECONF', 'GETINFO config-can-saveconf']);
  });

  it('retries with FORCE only when asked to', async () => {
    const { tor, controller } = await openHarness({ includesInTorrc: true });
    const start = tor.commands.length;
    await controller.saveConf({ forceIfIncludes: true });
    expect(tor.commands.slice(start)).toEqual(['SAVECONF', 'GETINFO config-can-saveconf', 'SAVECONF FORCE']);
    await controller.saveConf({ force: true });
    expect(tor.commands.at(-1)).toBe('SAVECONF FORCE');
  });

  it('a 551 for another reason is a plain save failure', async () => {
    const { tor, controller } = await openHarness();
    tor.handle('SAVECONF', () => '551 Unable to write configuration to disk.\r\n');
    const error = await controller.saveConf({ forceIfIncludes: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SaveConfFailedError);
    expect((error as SaveConfFailedError).kind).toBe('saveconf-failed');
  });
});

describe('signals and circuits', () => {
  it('tracks NEWNYM locally against tor\'s 10 s rate limit', async () => {
    const { tor, clock, controller } = await openHarness();
    expect(controller.newnymWaitMs()).toBe(0);
    await controller.signal('newnym');
    expect(tor.commands.at(-1)).toBe('SIGNAL NEWNYM');
    const at = clock.nowMs();
    expect(controller.newnymWaitMs(at)).toBe(NEWNYM_INTERVAL_MS);
    expect(controller.newnymWaitMs(at + 4_000)).toBe(6_000);
    clock.advance(10_000);
    expect(controller.newnymWaitMs()).toBe(0);
  });

  it('an unknown signal is a ReplyError and records nothing', async () => {
    const { controller } = await openHarness();
    await expect(controller.signal('FOO')).rejects.toThrow('SIGNAL failed: 552 Unrecognized signal code "FOO"');
    expect(controller.newnymWaitMs()).toBe(0);
  });

  it('closes circuits, optionally only if unused', async () => {
    const { tor, controller } = await openHarness({ circuits: ['7'] });
    await controller.closeCircuit('7');
    await controller.closeCircuit('7', { ifUnused: true });
    expect(tor.commands.slice(-2)).toEqual(['CLOSECIRCUIT 7', 'CLOSECIRCUIT 7 IfUnused']);
    await expect(controller.closeCircuit('8')).rejects.toThrow('552 Unknown circuit "8"');
  });

  it('PROTOCOLINFO works again after authentication', async () => {
    const { controller } = await openHarness({ authMethods: ['SAFECOOKIE', 'COOKIE'] });
    const info = await controller.protocolInfo();
    expect(info.authMethods).toEqual(['SAFECOOKIE', 'COOKIE']);
    expect(info.torVersion).toBe('0.4.9.11');
  });
});

describe('raw request (interpreter)', () => {
  it('returns refusals as replies instead of throwing', async () => {
    const { controller } = await openHarness();
    const reply = await controller.request('GETINFO nope');
    expect(reply.code).toBe(552);
  });

  it('keeps the controller\'s bookkeeping right for SIGNAL and SETCONF typed by hand', async () => {
    const { tor, controller } = await openHarness({ conf: CONF });
    await controller.request('SIGNAL NEWNYM');
    expect(controller.newnymWaitMs()).toBe(NEWNYM_INTERVAL_MS);
    await controller.getConf('Nickname');
    await controller.request('SETCONF Nickname=typed');
    const start = tor.commands.length;
    expect(await controller.getConfOne('Nickname')).toEqual(['typed']);
    expect(tor.commands.slice(start)).toEqual(['GETCONF Nickname']);
  });

  it('refuses line breaks inside a command', async () => {
    const { controller } = await openHarness();
    await expect(controller.request('GETINFO version\r\nSIGNAL HALT')).rejects.toBeInstanceOf(ProtocolError);
  });
});
