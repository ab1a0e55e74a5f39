// The whole app against a real tor that misbehaves (issue 8, "Faults"): killed and restarted,
// stopped with SIGSTOP, restarted with a new cookie, with a changed password, and moved from its
// ControlPort to a ControlSocket. ortop must not crash, keep the graph and log it collected, say
// what is happening on the header line, and reconnect by itself where it can.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { formatClock } from '../../panels/header/index.js';
import type { OrtopApp } from '../../src/app/shell/app.js';
import { connectToTor, type ConnectTorOptions } from '../../src/app/session/connect-tor.js';
import { controlPasswordProvider } from '../../src/app/shell/password-prompt.js';
import { realClock, type Controller, type PasswordProvider, type StateChange } from '../../src/controller/index.js';
import type { GraphModel } from '../../src/relay/bandwidth/index.js';
import type { LogBuffer } from '../../src/relay/log/index.js';
import { createFakeTerminal, gridText, readGrid, type FakeTerminal } from '../../src/terminal/index.js';
import type { ControlTarget } from '../../src/transport/index.js';
import { mountApp, stopApps, type MountedApp } from '../helpers/app-harness.js';
import { pollUntil } from '../helpers/poll-until.js';
import { startTor, type TorProcess } from '../helpers/tor-process.js';
import { describeWithTor } from '../helpers/tor-required.js';

afterEach(stopApps);

/** Short timeouts so a stopped tor is noticed in seconds (ortop's defaults: probe 5 s, timeout 10 s, drop 20 s later). */
const FAST: ConnectTorOptions = {
  requestTimeoutMs: 1_000,
  unresponsiveAfterMs: 3_000,
  probeAfterIdleMs: 1_000,
  reconnect: { initialDelayMs: 200, maxDelayMs: 1_000 },
};

const tcp = (tor: TorProcess): ControlTarget => ({ kind: 'tcp', host: '127.0.0.1', port: tor.controlPort });

interface Attached extends MountedApp {
  readonly controller: Controller;
  readonly states: StateChange[];
  readonly graph: GraphModel;
  readonly log: LogBuffer;
}

async function attach(
  targets: readonly ControlTarget[],
  options: { password?: PasswordProvider; term?: FakeTerminal; connect?: Promise<Awaited<ReturnType<typeof connectToTor>>> } = {},
): Promise<Attached> {
  const tor = await (options.connect ?? connectToTor(targets, options.password, FAST));
  const states: StateChange[] = [];
  tor.controller.onState((s) => states.push(s));
  const mounted = mountApp({ controller: tor.controller, clock: realClock, cols: 120, rows: 40, target: tor.description, ...(options.term === undefined ? {} : { term: options.term }) });
  const page = { graph: mounted.app.session.graph.model, log: mounted.app.session.logs.buffer };
  return { ...mounted, controller: tor.controller, states, graph: page.graph, log: page.log };
}

/** The header's connection line (second row). */
async function bannerOf(a: MountedApp): Promise<string> {
  return (await a.frame()).split('\n')[1] ?? '';
}

async function waitForBanner(a: MountedApp, pattern: RegExp, what: string, timeoutMs = 15_000): Promise<RegExpExecArray> {
  let match: RegExpExecArray | null = null;
  await pollUntil(`${what} (header: ${JSON.stringify(await bannerOf(a))})`, async () => (match = pattern.exec(await bannerOf(a))) !== null, timeoutMs);
  return match!;
}

const samples = (a: Attached) => a.graph.bandwidth.samples;
const logLines = (a: Attached) => a.log.toArray().map((e) => `${e.type} ${e.message}`);

/** Seconds of graph and lines of log collected before a fault; checks they are all still there after. */
async function collectHistory(a: Attached): Promise<() => void> {
  await pollUntil('three seconds of graph', () => samples(a) >= 3);
  const seconds = samples(a);
  const read = a.graph.bandwidth.primary.sum;
  const lines = logLines(a);
  expect(lines.length).toBeGreaterThan(0);
  return () => {
    expect(samples(a), 'graph seconds collected before the fault').toBeGreaterThanOrEqual(seconds);
    expect(a.graph.bandwidth.primary.sum).toBeGreaterThanOrEqual(read);
    const now = new Set(logLines(a));
    expect(lines.filter((l) => !now.has(l)), 'log lines lost').toEqual([]);
  };
}

async function eventsFlowAgain(a: Attached): Promise<void> {
  const after = samples(a);
  await pollUntil('BW events after the fault', () => samples(a) >= after + 2);
}

/** The HH:MM:SS on the header is the clock time of one of these instants (a second's rounding either way). */
function expectClockNear(shown: string, atMs: number): void {
  expect([formatClock(atMs - 1000), formatClock(atMs), formatClock(atMs + 1000)]).toContain(shown);
}

function fakeTtyInput(isTTY: boolean): NodeJS.ReadStream {
  return Object.assign(new PassThrough(), { isTTY }) as unknown as NodeJS.ReadStream;
}

describeWithTor('faults: ortop against a real tor that is killed, stopped, re-keyed or moved', () => {
  it('SIGKILL and restart: shows when it went away, reconnects by itself, keeps graph and log, events flow again', async () => {
    const tor = await startTor({ auth: 'cookie' });
    const a = await attach([tcp(tor)]);
    const keep = await collectHistory(a);
    expect(await bannerOf(a)).toContain(`Control Port (safecookie): ${tor.controlPort}`);

    const killedAtMs = Date.now();
    await tor.kill('SIGKILL');
    const down = await waitForBanner(a, /^Tor Disconnected at (\d\d:\d\d:\d\d): (connection lost|nothing listening) — retrying 127\.0\.0\.1:(\d+) (in \d+s|now) \(press r to reconnect now\)/, 'the disconnected banner');
    expectClockNear(down[1]!, killedAtMs);
    expect(Number(down[3])).toBe(tor.controlPort);
    // Keys still work while tor is away.
    a.app.handleKey('2');
    expect(a.app.currentPage.title).toMatch(/connections/i);
    a.app.handleKey('1');

    await tor.restart();
    await pollUntil('the reconnect', () => a.controller.state === 'connected', 20_000);
    await waitForBanner(a, new RegExp(`Control Port \\(safecookie\\): ${tor.controlPort}`), 'the ports row back');
    keep();
    await eventsFlowAgain(a);
    expect(logLines(a).filter((l) => l.startsWith('ORTOP_NOTICE attached to tor'))).toHaveLength(1); // the first attach predates the app
    expect(logLines(a).some((l) => /^ORTOP_WARN tor control connection closed: .*retrying in/.test(l))).toBe(true);
  }, 60_000);

  it('SIGSTOP briefly: says tor is not answering (since when), stays responsive, and resumes the same connection on SIGCONT', async () => {
    const tor = await startTor({ auth: 'cookie' });
    const a = await attach([tcp(tor)]);
    const keep = await collectHistory(a);
    const stoppedAtMs = Date.now();
    tor.signal('SIGSTOP');
    try {
      const silent = await waitForBanner(a, /^Tor not answering since (\d\d:\d\d:\d\d) \(GETINFO unanswered for \d+s\) — reconnecting in \d+s unless it answers/, 'the not-answering banner');
      expectClockNear(silent[1]!, stoppedAtMs);
      expect(a.controller.state).toBe('connected');
      // The UI does not wait for tor: pages switch and frames are drawn.
      const frames = a.app.framesDrawn;
      a.app.handleKey('3');
      expect(a.app.currentPage.title).toMatch(/config/i);
      a.app.handleKey('1');
      expect(a.app.framesDrawn).toBeGreaterThan(frames);
      expect(logLines(a).some((l) => /^ORTOP_WARN tor is not answering: GETINFO unanswered/.test(l))).toBe(true);
    } finally {
      tor.signal('SIGCONT');
    }
    await waitForBanner(a, new RegExp(`^Relaying Disabled, Control Port \\(safecookie\\): ${tor.controlPort}`), 'the ports row back');
    expect(a.states.map((s) => s.kind)).toEqual(['unresponsive', 'responsive']);
    keep();
    await eventsFlowAgain(a);
  }, 60_000);

  it('SIGSTOP for longer than timeout + grace: drops the connection, keeps retrying the stopped tor, reconnects after SIGCONT', async () => {
    const tor = await startTor({ auth: 'cookie' });
    const a = await attach([tcp(tor)]);
    const keep = await collectHistory(a);
    const stoppedAtMs = Date.now();
    tor.signal('SIGSTOP');
    try {
      const down = await waitForBanner(a, /^Tor Disconnected at (\d\d:\d\d:\d\d): tor stopped answering — retrying 127\.0\.0\.1:\d+ /, 'the dropped connection', 20_000);
      expect(Date.now() - stoppedAtMs).toBeGreaterThanOrEqual(FAST.requestTimeoutMs! + FAST.unresponsiveAfterMs!);
      expect(down[1]).toBeDefined();
      // The kernel still accepts connections for the stopped tor: attempts connect, then get no answer.
      await waitForBanner(a, /^Tor Disconnected at \d\d:\d\d:\d\d: tor not answering — retrying 127\.0\.0\.1:\d+ /, 'a reconnect attempt that got no answer', 20_000);
      expect(logLines(a).some((l) => /^ORTOP_NOTICE reconnect failed: 127\.0\.0\.1:\d+ accepted the connection but sent nothing: no reply to PROTOCOLINFO within 1000 ms\. A stopped \(SIGSTOP\) or hung tor/.test(l))).toBe(true);
      a.app.handleKey('2');
      expect(a.app.currentPage.title).toMatch(/connections/i);
      a.app.handleKey('1');
    } finally {
      tor.signal('SIGCONT');
    }
    await pollUntil('the reconnect after SIGCONT', () => a.controller.state === 'connected', 20_000);
    await waitForBanner(a, /^Relaying Disabled, Control Port \(safecookie\)/, 'the ports row back');
    expect(a.states.map((s) => s.kind)).toContain('closed');
    keep();
    await eventsFlowAgain(a);
  }, 90_000);

  it('restart with a new cookie: the reconnect reads the new cookie file (SAFECOOKIE again)', async () => {
    const tor = await startTor({ auth: 'cookie' });
    const a = await attach([tcp(tor)]);
    const keep = await collectHistory(a);
    const oldCookie = await readFile(tor.cookiePath);
    await tor.kill('SIGKILL');
    await tor.restart();
    const newCookie = await readFile(tor.cookiePath);
    expect(newCookie.equals(oldCookie)).toBe(false);
    await pollUntil('the reconnect', () => a.controller.state === 'connected', 20_000);
    expect(a.controller.authMethod).toBe('SAFECOOKIE');
    expect(a.states.filter((s) => s.kind === 'connect-failed').map((s) => (s.kind === 'connect-failed' ? s.error.message : ''))).not.toContainEqual(expect.stringMatching(/cookie/i));
    keep();
    await eventsFlowAgain(a);
  }, 60_000);

  it('restart with a changed password: asks on screen without echo, says it was rejected, attaches with the new one', async () => {
    const tor = await startTor({ auth: 'password', password: 'first secret' });
    const term = createFakeTerminal({ cols: 120, rows: 40 });
    const screenText = () => gridText(readGrid(term.screen));
    const password = controlPasswordProvider({ env: {}, input: fakeTtyInput(true), output: new PassThrough(), screen: () => term.screen });
    const connecting = connectToTor([tcp(tor)], password, FAST);
    await pollUntil('the first password prompt', () => screenText().includes('Tor control password:'));
    term.type('first secret\r');
    const a = await attach([], { term, connect: connecting });
    expect(a.controller.authMethod).toBe('HASHEDPASSWORD');
    const keep = await collectHistory(a);

    await tor.restart({ password: 'second secret' });
    await pollUntil('the prompt on reconnect', () => /^Tor control password:$/m.test(screenText()));
    term.type('first secret\r'); // the old one
    await pollUntil('the prompt saying it was rejected', () => screenText().includes('Password rejected. Tor control password:'));
    expect(screenText()).toMatch(/^Tor Disconnected at \d\d:\d\d:\d\d: password rejected — retrying 127\.0\.0\.1:\d+ /m);
    expect(logLines(a).some((l) => /^ORTOP_NOTICE reconnect failed: tor at 127\.0\.0\.1:\d+ rejected the password/.test(l))).toBe(true);
    term.type('second secret');
    await term.settle();
    expect(screenText()).toContain('Password rejected. Tor control password: *************');
    term.type('\r');
    await pollUntil('the reconnect with the new password', () => a.controller.state === 'connected', 20_000);
    expect(term.bytes()).not.toContain('secret');
    keep();
    await eventsFlowAgain(a);
    expect(screenText()).not.toContain('Tor control password');
  }, 60_000);

  it('restart with a changed password and ORTOP_PASSWORD: says it was rejected, Esc leaves "press r", r asks, the typed one attaches', async () => {
    const tor = await startTor({ auth: 'password', password: 'env secret' });
    const term = createFakeTerminal({ cols: 120, rows: 40 });
    const screenText = () => gridText(readGrid(term.screen));
    const password = controlPasswordProvider({ env: { ORTOP_PASSWORD: 'env secret' }, input: fakeTtyInput(false), output: new PassThrough(), screen: () => term.screen });
    const a = await attach([tcp(tor)], { password: password!, term });
    const keep = await collectHistory(a);

    await tor.restart({ password: 'changed secret' });
    await pollUntil('the prompt saying ORTOP_PASSWORD was rejected', () => screenText().includes('tor rejected ORTOP_PASSWORD. Tor control password:'));
    expect(screenText()).toMatch(/^Tor Disconnected at \d\d:\d\d:\d\d: password rejected — /m);
    term.type('\x1b'); // Esc: not now
    await waitForBanner(a, /^Tor Disconnected at \d\d:\d\d:\d\d: password needed — press r to enter the password$/, 'the manual banner');
    expect(a.controller.state).toBe('closed');
    a.app.handleKey('2'); // the app has its keys back
    expect(a.app.currentPage.title).toMatch(/connections/i);
    a.app.handleKey('1');
    term.type('r');
    await pollUntil('the prompt after r', () => /Tor control password:$/m.test(screenText()));
    term.type('changed secret\r');
    await pollUntil('the reconnect with the typed password', () => a.controller.state === 'connected', 20_000);
    expect(term.bytes()).not.toContain('secret');
    keep();
    await eventsFlowAgain(a);
  }, 60_000);

  it('discovery: tor moved from its ControlPort to a ControlSocket is found again on reconnect', async () => {
    const tor = await startTor({ auth: 'cookie' });
    const socketPath = join(tor.dataDir, 'control');
    const targets: ControlTarget[] = [{ kind: 'unix', path: socketPath }, tcp(tor)];
    const a = await attach(targets);
    expect(a.controller.address).toBe(`127.0.0.1:${tor.controlPort}`);
    const keep = await collectHistory(a);

    await tor.kill('SIGKILL');
    await waitForBanner(a, /^Tor Disconnected at \d\d:\d\d:\d\d: (connection lost|nothing listening) — retrying 2 control addresses /, 'the banner naming the search');
    await tor.restart({ control: 'socket' });
    await pollUntil('the reconnect through the socket', () => a.controller.state === 'connected', 20_000);
    expect(a.controller.address).toBe(socketPath);
    await waitForBanner(a, new RegExp(`^Relaying Disabled, Control Socket: ${socketPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), 'the header naming the socket');
    keep();
    await eventsFlowAgain(a);
  }, 60_000);

  it('-i PORT named: keeps retrying that port (and says so) when tor moved to a socket; attaches when the port is back', async () => {
    const tor = await startTor({ auth: 'cookie' });
    const a = await attach([tcp(tor)]);
    const keep = await collectHistory(a);
    await tor.kill('SIGKILL');
    await tor.restart({ control: 'socket' });
    const failuresBefore = a.states.filter((s) => s.kind === 'connect-failed').length;
    await pollUntil('three more refused attempts on the port', () => a.states.filter((s) => s.kind === 'connect-failed').length >= failuresBefore + 3, 20_000);
    expect(a.controller.state).not.toBe('connected');
    await waitForBanner(a, new RegExp(`^Tor Disconnected at \\d\\d:\\d\\d:\\d\\d: nothing listening — retrying 127\\.0\\.0\\.1:${tor.controlPort} `), 'the banner naming the port');
    await tor.restart({ control: 'port' });
    await pollUntil('the reconnect on the port', () => a.controller.state === 'connected', 20_000);
    expect(a.controller.address).toBe(`127.0.0.1:${tor.controlPort}`);
    keep();
    await eventsFlowAgain(a);
  }, 60_000);
});
