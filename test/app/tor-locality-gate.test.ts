// The /proc reader of a relay whose locality is re-decided on each connection: remote while tor is
// lost, reads wait while a new connection is judged, then follow the verdict.
import { describe, expect, it } from 'vitest';
import type { Controller, StateChange } from '../../src/controller/index.js';
import type { TorLocality } from '../../src/system/index.js';
import { TorLocalityGate, watchLocality } from '../../src/app/session/tor-locality-gate.js';

/** Just enough of a Controller for watchLocality: its state listeners. */
function stateSource() {
  const listeners = new Set<(s: StateChange) => void>();
  const controller = { onState: (l: (s: StateChange) => void) => (listeners.add(l), () => listeners.delete(l)) } as unknown as Controller;
  return { controller, emit: (s: StateChange) => listeners.forEach((l) => l(s)) };
}
const connected: StateChange = { kind: 'connected', atMs: 0, address: '127.0.0.1:9051', authMethod: 'SAFECOOKIE', torVersion: '0.4.9.11' };
const closed: StateChange = { kind: 'closed', atMs: 0, reason: new Error('gone'), retryInMs: 500 };

describe('TorLocalityGate', () => {
  it('reads this machine only while tor is judged local; ENOTLOCAL otherwise (ss too)', async () => {
    const gate = new TorLocalityGate(true);
    expect(await gate.readText('/proc/self/comm')).toMatch(/\S/);
    gate.decide(false);
    await expect(gate.readText('/proc/self/comm')).rejects.toMatchObject({ code: 'ENOTLOCAL' });
    await expect(gate.listDir('/proc/self/fd')).rejects.toMatchObject({ code: 'ENOTLOCAL' });
    await expect(gate.readLink('/proc/self/exe')).rejects.toMatchObject({ code: 'ENOTLOCAL' });
    await expect(gate.gateSs(async () => 'sockets')()).rejects.toMatchObject({ code: 'ENOTLOCAL' });
  });

  it('on a new connection, reads wait for the verdict and follow it; a lost tor is remote at once', async () => {
    const gate = new TorLocalityGate(true);
    const { controller, emit } = stateSource();
    let answer: (l: TorLocality) => void = () => {};
    const verdicts: TorLocality[] = [];
    watchLocality(controller, gate, () => new Promise((resolve) => (answer = resolve)), (l) => verdicts.push(l));
    emit(closed);
    expect(gate.isLocal).toBe(false);
    emit(connected);
    let settled = false;
    const read = gate.readText('/proc/self/comm').then(
      () => (settled = true),
      () => (settled = true),
    );
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    answer({ local: false, reason: 'a forward' });
    await read;
    expect(verdicts).toEqual([{ local: false, reason: 'a forward' }]);
    await expect(gate.readText('/proc/self/comm')).rejects.toMatchObject({ code: 'ENOTLOCAL' });
    emit(connected);
    answer({ local: true, pid: 1, basis: 'fd', evidence: 'holds the socket' });
    await new Promise((r) => setImmediate(r));
    expect(gate.isLocal).toBe(true);
    expect(await gate.readText('/proc/self/comm')).toMatch(/\S/);
  });

  it('a verdict that arrives after tor was lost again is dropped', async () => {
    const gate = new TorLocalityGate(false);
    const { controller, emit } = stateSource();
    let answer: (l: TorLocality) => void = () => {};
    watchLocality(controller, gate, () => new Promise((resolve) => (answer = resolve)), () => {});
    emit(connected);
    emit(closed);
    answer({ local: true, pid: 1, basis: 'fd', evidence: 'stale' });
    await new Promise((r) => setImmediate(r));
    expect(gate.isLocal).toBe(false);
  });
});
