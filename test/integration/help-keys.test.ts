// The interpreter's /help and the event picker describe what the real tor offers: every event type
// of events/names and every signal of signal/names has our words, every info/names line parses into
// a key and tor's description, and the config list's summary table names only options tor has.
import { afterEach, expect, it } from 'vitest';
import { connect, type Controller } from '../../src/controller/index.js';
import { OPTION_SUMMARY_NAMES, optionSummary, parseConfigNames } from '../../src/relay/config/index.js';
import { helpLines, parseInfoDescriptions, type HelpKeys } from '../../src/relay/interpreter/index.js';
import { describeEventType } from '../../src/relay/log/index.js';
import { onCleanup, stopApps } from '../helpers/app-harness.js';
import { startTor, type TorProcess } from '../helpers/tor-process.js';
import { describeWithTor } from '../helpers/tor-required.js';

afterEach(stopApps);

async function open(tor: TorProcess): Promise<Controller> {
  const controller = await connect({ target: { kind: 'tcp', host: '127.0.0.1', port: tor.controlPort }, reconnect: false });
  onCleanup(() => controller.close());
  return controller;
}

describeWithTor('help and descriptions against the real tor', () => {
  it('describes every event type and signal tor lists, and lists its GETINFO keys with their descriptions', async () => {
    const controller = await open(await startTor());
    const info = await controller.getInfo(['info/names', 'events/names', 'signal/names', 'config/names', 'features/names']);
    const words = (key: string) => (info.get(key) ?? '').split(/\s+/).filter((w) => w !== '');
    const options = parseConfigNames(info.get('config/names') ?? '').map((n) => n.name);
    const keys: HelpKeys = { info: parseInfoDescriptions(info.get('info/names') ?? ''), options, events: words('events/names'), signals: words('signal/names'), features: words('features/names') };
    expect(keys.events.length).toBeGreaterThan(20);
    for (const type of keys.events) expect(describeEventType(type), type).toBeDefined();
    const signals = helpLines('SIGNAL', keys).slice(3);
    expect(signals).toHaveLength(keys.signals.length);
    for (const line of signals) expect(line.text.trim().split(/\s{2,}/), line.text).toHaveLength(2);
    expect(keys.info.length).toBeGreaterThan(100);
    for (const k of keys.info) {
      expect(k.key, JSON.stringify(k)).toMatch(/^\S+$/);
      expect(k.description, k.key).not.toBe('');
    }
    expect(helpLines('GETINFO', keys).map((l) => l.text)).toContain(`  ${'version'.padEnd(32)} ${keys.info.find((k) => k.key === 'version')!.description}`);
    const known = new Set(options.map((o) => o.toLowerCase()));
    expect(OPTION_SUMMARY_NAMES.filter((n) => n !== '%include' && !known.has(n.toLowerCase())), 'summaries for options this tor does not have').toEqual([]);
    expect(options.filter((o) => optionSummary(o) !== undefined).length).toBeGreaterThanOrEqual(100);
  });
});
