import { describe, expect, it } from 'vitest';
import { GETINFO_CACHE_POLICY, getInfoLifetime } from '../../src/controller/cache-policy.js';
import { settle } from '../helpers/fake-tor.js';
import { openHarness } from './harness.js';

const CONF = { Nickname: 'before', SocksPort: '9050', ContactInfo: null, HiddenServiceDir: '/var/lib/tor/hs', AccountingMax: '0' };

describe('the cache table', () => {
  it('lists the keys Stem and Nyx treat as fixed per connection, and nothing volatile', () => {
    expect(getInfoLifetime('version')).toBe('connection');
    expect(getInfoLifetime('ip-to-country/8.8.8.8')).toBe('connection');
    expect(getInfoLifetime('accounting/enabled')).toBe('config');
    for (const volatile of ['traffic/read', 'circuit-status', 'address', 'config-text', 'uptime', 'ip-to-country/']) {
      expect(getInfoLifetime(volatile)).toBeUndefined();
    }
    expect(Object.keys(GETINFO_CACHE_POLICY)).toContain('events/names');
  });
});

describe('GETINFO cache', () => {
  it('asks tor once for a cacheable key and every time for the others', async () => {
    const { tor, controller } = await openHarness({ info: { 'traffic/read': '123', 'ip-to-country/8.8.8.8': 'us' } });
    const start = tor.commands.length;
    expect(await controller.getInfoOne('version')).toBe('0.4.9.11');
    expect(await controller.getInfoOne('version')).toBe('0.4.9.11');
    await controller.getInfoOne('traffic/read');
    await controller.getInfoOne('traffic/read');
    await controller.getInfoOne('ip-to-country/8.8.8.8');
    await controller.getInfoOne('ip-to-country/8.8.8.8');
    expect(tor.commands.slice(start)).toEqual(['GETINFO version', 'GETINFO traffic/read', 'GETINFO traffic/read', 'GETINFO ip-to-country/8.8.8.8']);
  });

  it('asks only for the missing keys of a batch and answers in the order asked', async () => {
    const { tor, controller } = await openHarness({ info: { 'traffic/read': '123' } });
    await controller.getInfoOne('version');
    const start = tor.commands.length;
    const values = await controller.getInfo(['traffic/read', 'version', 'events/names']);
    expect([...values.keys()]).toEqual(['traffic/read', 'version', 'events/names']);
    expect(values.get('version')).toBe('0.4.9.11');
    expect(tor.commands.slice(start)).toEqual(['GETINFO traffic/read']);
  });

  it('drops config-lifetime keys on CONF_CHANGED but keeps connection-lifetime keys', async () => {
    const { tor, controller } = await openHarness({ info: { 'accounting/enabled': '0' }, conf: CONF });
    await controller.getInfo(['accounting/enabled', 'version']);
    tor.conf.set('AccountingMax', ['1 GB']);
    tor.announceConfChange(['AccountingMax']);
    await settle();
    const start = tor.commands.length;
    await controller.getInfo(['accounting/enabled', 'version']);
    expect(tor.commands.slice(start)).toEqual(['GETINFO accounting/enabled']);
  });

  it('flushes everything on SIGNAL RELOAD and reports a reset', async () => {
    const { tor, controller, states } = await openHarness();
    await controller.getInfoOne('version');
    await controller.signal('HUP');
    await settle();
    expect(states.at(-1)).toMatchObject({ kind: 'reset' });
    const start = tor.commands.length;
    await controller.getInfoOne('version');
    expect(tor.commands.slice(start)).toEqual(['GETINFO version']);
  });

  it('a RELOAD caused by someone else (event only) flushes too', async () => {
    const { tor, controller, states } = await openHarness();
    await controller.getInfoOne('version');
    tor.emitEvent('SIGNAL RELOAD');
    await settle();
    expect(states.filter((s) => s.kind === 'reset')).toHaveLength(1);
    const start = tor.commands.length;
    await controller.getInfoOne('version');
    expect(tor.commands.slice(start)).toEqual(['GETINFO version']);
  });

  it('is flushed by reconnecting', async () => {
    const { tor, controller } = await openHarness();
    await controller.getInfoOne('version');
    await controller.reconnect();
    const start = tor.commands.length;
    await controller.getInfoOne('version');
    expect(tor.commands.slice(start)).toEqual(['GETINFO version']);
  });

  it('can be turned off', async () => {
    const { tor, controller } = await openHarness({}, { cache: false });
    const start = tor.commands.length;
    await controller.getInfoOne('version');
    await controller.getInfoOne('version');
    expect(tor.commands.slice(start)).toEqual(['GETINFO version', 'GETINFO version']);
  });
});

describe('GETCONF cache', () => {
  it('caches by option name whatever the case, keyed by tor\'s canonical spelling', async () => {
    const { tor, controller } = await openHarness({ conf: CONF });
    const start = tor.commands.length;
    expect(await controller.getConf('nickname')).toEqual(new Map([['Nickname', ['before']]]));
    expect(await controller.getConf('NICKNAME')).toEqual(new Map([['Nickname', ['before']]]));
    expect(await controller.getConf(['ContactInfo', 'Nickname'])).toEqual(new Map([['ContactInfo', []], ['Nickname', ['before']]]));
    expect(tor.commands.slice(start)).toEqual(['GETCONF nickname', 'GETCONF ContactInfo']);
  });

  it('takes new values from CONF_CHANGED made by another controller', async () => {
    const { tor, controller } = await openHarness({ conf: CONF });
    await controller.getConf('Nickname');
    tor.conf.set('Nickname', ['after']);
    tor.announceConfChange(['Nickname']);
    await settle();
    const start = tor.commands.length;
    expect(await controller.getConfOne('Nickname')).toEqual(['after']);
    expect(tor.commands.slice(start)).toEqual([]);
  });

  it('forgets options we set ourselves as soon as tor says 250, before CONF_CHANGED arrives', async () => {
    const { tor, controller } = await openHarness({ conf: CONF });
    await controller.getConf('Nickname');
    await controller.setConf({ Nickname: 'mine' });
    const start = tor.commands.length;
    expect(await controller.getConfOne('nickname')).toEqual(['mine']);
    expect(tor.commands.slice(start)).toEqual(['GETCONF nickname']);
  });

  it('drops options tor reports under a related name (RESETCONF SocksPort → SocksPortLines)', async () => {
    const { tor, controller } = await openHarness({ conf: { ...CONF, SocksPortLines: null } });
    await controller.getConf('SocksPort');
    tor.emitEvent(['CONF_CHANGED', 'SocksPortLines']);
    await settle();
    const start = tor.commands.length;
    await controller.getConf('SocksPort');
    expect(tor.commands.slice(start)).toEqual(['GETCONF SocksPort']);
  });

  it('keeps wire order: a CONF_CHANGED right behind a GETCONF reply wins over it', async () => {
    const { tor, controller } = await openHarness({ conf: CONF });
    tor.handle('GETCONF', () => '250 Nickname=old\r\n650-CONF_CHANGED\r\n650-Nickname=new\r\n650 OK\r\n');
    expect(await controller.getConfOne('Nickname')).toEqual(['old']);
    await settle();
    tor.handle('GETCONF', undefined);
    const start = tor.commands.length;
    expect(await controller.getConfOne('Nickname')).toEqual(['new']);
    expect(tor.commands.slice(start)).toEqual([]);
  });

  it('never caches hidden-service options', async () => {
    const { tor, controller } = await openHarness({ conf: CONF });
    const start = tor.commands.length;
    await controller.getConf('HiddenServiceDir');
    await controller.getConf('HiddenServiceDir');
    expect(tor.commands.slice(start)).toEqual(['GETCONF HiddenServiceDir', 'GETCONF HiddenServiceDir']);
  });
});
