// The header's exit policy against a real tor exit (ExitRelay 1, DisableNetwork 1: tor builds no
// descriptor, answers 551 to exit-policy/full, so the torrc's policy stands in). Exits accepting a
// subnet or loopback must show their rules, never "reject all"; a SETCONF shows up after CONF_CHANGED.
import { afterAll, expect, it } from 'vitest';
import { HeaderCollector } from '../../src/app/session/header-collector.js';
import { connect, realClock, type Controller } from '../../src/controller/index.js';
import type { HeaderFacts } from '../../src/relay/index.js';
import { realProcFs } from '../../src/system/proc-reader.js';
import { selectExitPolicyRow } from '../../panels/header/header-rows.js';
import { startTor } from '../helpers/tor-process.js';
import { describeWithTor } from '../helpers/tor-required.js';

const controllers: Controller[] = [];
const collectors: HeaderCollector[] = [];
afterAll(() => {
  collectors.forEach((c) => c.stop());
  controllers.forEach((c) => c.close());
});

async function waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const rowText = (facts: HeaderFacts) => selectExitPolicyRow(facts, 200).map((s) => s.text).join('');

describeWithTor('header exit policy against a real tor exit', () => {
  it('shows the loopback policy as written, then a subnet policy after SETCONF', async () => {
    const tor = await startTor({ relay: true, torrc: ['ExitRelay 1', 'ExitPolicy accept 127.0.0.0/8:*, reject *:*'] });
    const controller = await connect({ target: { kind: 'tcp', host: '127.0.0.1', port: tor.controlPort }, reconnect: false });
    controllers.push(controller);
    let facts: HeaderFacts | undefined;
    const collector = new HeaderCollector({ controller, clock: realClock, procFs: realProcFs, target: `127.0.0.1:${tor.controlPort}`, onChange: (f) => (facts = f) });
    collectors.push(collector);
    collector.start();

    const first = await waitFor('the exit policy', () => facts?.exitPolicy);
    expect(first.rules.map((r) => r.text)).toEqual(['accept 127.0.0.0/8:*', 'reject *:*']);
    expect(rowText(facts!)).toBe('exit policy: accept 127.0.0.0/8:*, reject *:*');

    await controller.setConf([['ExitPolicy', 'accept 1.2.3.0/24:443']]);
    const second = await waitFor('the new exit policy', () => (facts?.exitPolicy?.rules[0]?.text === 'accept 1.2.3.0/24:443' ? facts.exitPolicy : undefined));
    expect(second.rules.map((r) => r.text)).toEqual(['accept 1.2.3.0/24:443']);
    expect(second.tail).toBe('default');
    expect(rowText(facts!)).toBe('exit policy: accept 1.2.3.0/24:443, <default>');
    expect(rowText(facts!)).not.toContain('reject all');
  });
});
