// One ortop attached to every node of the test network at once (authorities, relay, exit, client),
// as the fleet overview shows them: each row has the nickname, the version and the flags tor itself
// reports for that node. Killing one tor marks exactly that row while the others keep updating;
// starting it again brings the row back by itself.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { OrtopApp } from '../../src/app/shell/app.js';
import { RelaySession } from '../../src/app/session/relay-session.js';
import { DEFAULT_SETTINGS } from '../../src/config/index.js';
import { realClock, type Controller } from '../../src/controller/index.js';
import { realProcFs } from '../../src/system/index.js';
import { createFakeTerminal, gridText, readGrid, type FakeTerminal } from '../../src/terminal/index.js';
import { connectNode, type NetNode } from '../net/index.js';
import { consensusFlags, waitFor, type E2EContext } from './harness.js';

/** The Relays page's one-letter flags, as panels/relays writes them (a subset is enough to compare). */
const LETTER: Readonly<Record<string, string>> = { Exit: 'E', Fast: 'F', Guard: 'G', Running: 'R', Stable: 'S', Valid: 'V' };

/** Attached: connected, or bootstrapping as tor itself reports it (an exit of this network may sit at 95%). */
const ATTACHED = /^\S+ +(\S+ +)?(connected|bootstrapping \d+%) /;

/** The row of the relay named `name` (the session name is the node's name). */
function rowOf(frame: string, name: string): string | undefined {
  const rows = frame.split('\n');
  const table = rows.findIndex((r) => r.startsWith('Relay '));
  return table < 0 ? undefined : rows.slice(table + 1).find((r) => r.startsWith(`${name} `));
}

export function fleetCases(ctx: E2EContext): void {
  let app: OrtopApp;
  let term: FakeTerminal;
  const controllers: Controller[] = [];
  const sessions: RelaySession[] = [];
  const frame = async () => {
    app.renderNow();
    await term.settle();
    return gridText(readGrid(term.screen));
  };

  beforeAll(async () => {
    for (const node of ctx.net.nodes) {
      const controller = await connectNode(node, { reconnect: { initialDelayMs: 500, maxDelayMs: 2000 } });
      controllers.push(controller);
      sessions.push(new RelaySession({ name: node.name, controller, target: `127.0.0.1:${node.tor.controlPort}`, clock: realClock, settings: DEFAULT_SETTINGS, procFs: realProcFs }));
    }
    term = createFakeTerminal({ cols: 230, rows: 30, unicode: true });
    app = new OrtopApp({ screen: term.screen, clock: realClock, settings: DEFAULT_SETTINGS, theme: { colors: true }, sessions, unicode: true, startOverview: true, onQuit: () => {} });
    app.start();
  }, 60_000);

  afterAll(async () => {
    app?.stop();
    controllers.forEach((c) => c.close());
    await term?.destroy();
  });

  it('lists every node with the nickname, version and flags its own tor reports', async () => {
    const nodes = ctx.net.nodes;
    // What each tor says of itself: its version, nickname and its own consensus entry's flags (asked
    // again on every look: a new consensus may change them meanwhile).
    const factsNow = () =>
      Promise.all(
        nodes.map(async (node, i) => {
          const c = controllers[i]!;
          const version = (await c.getInfoOne('version')).split(' ')[0]!;
          const nickname = node.role === 'client' ? undefined : (await c.getConfOne('Nickname'))[0];
          const flags = node.fingerprint === undefined ? [] : await consensusFlags(c, node.fingerprint).catch(() => []);
          return { node, version, nickname, flags };
        }),
      );
    let facts = await factsNow();
    const shown = await waitFor('a connected row with version and flags for every node', async () => {
      facts = await factsNow();
      const f = await frame();
      const ready = facts.every(({ node, version, flags }) => {
        const row = rowOf(f, node.name);
        return row !== undefined && ATTACHED.test(row) && row.includes(version) && flags.filter((fl) => fl in LETTER).every((fl) => new RegExp(` [A-Z0-9?]*${LETTER[fl]}[A-Z0-9?]* `).test(row));
      });
      return ready ? f : undefined;
    }, 60_000, async () => `${await frame()}\n${facts.map((x) => `${x.node.name}: ${x.version} ${x.flags.join(' ')}`).join('\n')}`);
    expect(shown).toMatch(new RegExp(`^Relays \\(${nodes.length}, as listed\\): [^\\n]*connected`, 'm'));
    expect(shown).not.toMatch(/disconnected|not answering|password needed/);
    for (const { node, nickname } of facts) if (nickname !== undefined) expect(rowOf(shown, node.name), node.name).toContain(nickname);
  }, 90_000);

  it('marks only the killed relay, keeps the others updating, and brings the row back when tor is up again', async () => {
    const victim: NetNode = ctx.net.node('relay1');
    const others = ctx.net.nodes.filter((n) => n !== victim);
    const uptimes = async () => {
      const f = await frame();
      return new Map(others.map((n) => [n.name, rowOf(f, n.name) ?? '']));
    };
    const before = await uptimes();
    await victim.tor.kill('SIGKILL');
    const down = await waitFor('the killed relay shown disconnected', async () => {
      const f = await frame();
      return rowOf(f, 'relay1')?.includes('disconnected since') === true ? f : undefined;
    }, 15_000, frame);
    expect(down).toMatch(/^Relays \(\d+, as listed\): [^\n]*, 1 disconnected$/m);
    for (const n of others) expect(rowOf(down, n.name), n.name).toMatch(ATTACHED);
    // The others keep updating: each row changes (uptime, rates) while relay1 is down.
    await waitFor('every other row updated while relay1 was down', async () => {
      const now = await uptimes();
      return others.every((n) => now.get(n.name) !== before.get(n.name)) ? true : undefined;
    }, 15_000, frame);

    await victim.tor.restart();
    const back = await waitFor('relay1 attached again by itself', async () => {
      const f = await frame();
      return ATTACHED.test(rowOf(f, 'relay1') ?? '') ? f : undefined;
    }, 30_000, frame);
    expect(back).not.toMatch(/disconnected/);
  }, 90_000);
}
