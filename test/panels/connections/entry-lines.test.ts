import { describe, expect, it } from 'vitest';
import { ConnectionList, formatListLine } from '../../../panels/connections/index.js';
import { socketNoteElsewhere, socketNotice } from '../../../panels/connections/select-connections.js';
import { selectDetailBox } from '../../../panels/connections/detail-box.js';
import { applySocketTable } from '../../../src/relay/connections/index.js';
import type { SocketEntry } from '../../../src/system/sockets/index.js';
import { NOW_MS, relayFixture } from './fixtures.js';
import { baseView, lineContext } from './render-connections.js';

const sock = (lport: number, remote: string, rport: number, inode: number): SocketEntry => ({
  family: 4, localAddress: '198.51.100.7', localPort: lport, remoteAddress: remote, remotePort: rport, state: 1, uid: 108, inode,
});

function lines(f: ReturnType<typeof relayFixture>): Map<string, string> {
  const list = new ConnectionList();
  const view = baseView();
  list.sync(f, view);
  const ctx = lineContext(f, view);
  const out = new Map<string, string>();
  for (let i = 0; i < list.lineCount; i++) {
    const line = list.lineAt(i)!;
    out.set(line.key, formatListLine(line, ctx, 160).map((s) => s.text).join(''));
  }
  return out;
}

describe('the socket-table note', () => {
  it('for a tor elsewhere (remote, the demo) is one quiet line, not a failure; a real failure still says what is missing', () => {
    const elsewhere = { kind: 'unavailable', reason: 'tor is not a process on this machine', elsewhere: true } as const;
    expect(socketNotice(elsewhere)).toBeUndefined();
    expect(socketNoteElsewhere(elsewhere)).toMatch(/^Listed from what tor reports .*tor is not a process on this machine/);
    const denied = { kind: 'unavailable', reason: "tor's file descriptors are not readable (permission denied)" } as const;
    expect(socketNotice(denied)).toMatch(/^Socket table unavailable: .*Why: tor's file descriptors are not readable/);
    expect(socketNoteElsewhere(denied)).toBeUndefined();
  });
});

describe('connection ages', () => {
  it('a socket seen opening has a plain age ("0.0s", never ">0.0s"); one found at the first reading is "at least"', () => {
    const f = relayFixture();
    const kept = [...f.store.socketConns.values()].map((r) => r.socket);
    // A brand-new exit connection, in the reading just now.
    applySocketTable(f.store, { kind: 'sockets', source: 'proc', owner: 'fd', limitation: undefined, sockets: [...kept, sock(50009, '93.184.216.35', 443, 25)] }, f.directory, NOW_MS);
    const shown = lines(f);
    expect(shown.get('k:25')?.trimEnd()).toMatch(/ 0\.0s \(EXIT\)$/);
    expect(shown.get('k:25')).not.toContain('>0.0s');
    expect(shown.get('k:21')?.trimEnd()).toMatch(/>30\.0m \(EXIT\)$/);
  });

  it('names the program on a control connection, "controller" when nobody could be named', () => {
    const f = relayFixture();
    expect(lines(f).get('k:20')).toMatch(/127\.0\.0\.1:45000 +nyx \(22180\) /);
    // …and the detail box says it in full.
    const list = new ConnectionList();
    list.sync(f, baseView());
    const line = [...Array(list.lineCount).keys()].map((i) => list.lineAt(i)!).find((l) => l.key === 'k:20');
    const box = selectDetailBox(line, lineContext(f, baseView()), undefined, 80).map((l) => l.map((s) => s.text).join(''));
    expect(box.join('\n')).toMatch(/program: nyx \(pid 22180\)/);
    const kept = [...f.store.socketConns.values()].map((r) => r.socket);
    const unnamed = { ...kept.find((s) => s.inode === 20)!, inode: 26, remotePort: 45001 };
    applySocketTable(f.store, { kind: 'sockets', source: 'proc', owner: 'fd', limitation: undefined, sockets: [...kept, unnamed] }, f.directory, NOW_MS);
    expect(lines(f).get('k:26')).toMatch(/127\.0\.0\.1:45001 +controller /);
    // A name from the process table is sanitised like anything else shown.
    applySocketTable(f.store, { kind: 'sockets', source: 'proc', owner: 'fd', limitation: undefined, sockets: [...kept, unnamed], peers: new Map([[26, { pid: 7, name: 'evil\x1b[2J' }]]) }, f.directory, NOW_MS);
    expect(lines(f).get('k:26')).toMatch(/evil\S* \(7\)/);
    expect(lines(f).get('k:26')).not.toContain('\x1b');
  });
});
