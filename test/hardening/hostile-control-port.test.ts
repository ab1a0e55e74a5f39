// A hostile tor: escape sequences in every string ortop shows, a 1 MB log line, replies interleaved
// with event bursts, a one-byte-at-a-time trickle. The bytes ortop wrote are replayed through
// @xterm/headless: nothing injected may reach the terminal, and the screen shows the sanitised text.
import { afterEach, describe, expect, it } from 'vitest';
import { readGrid } from '../../src/terminal/index.js';
import { startApp, stopApps } from '../helpers/app-harness.js';
import { FakeTor, settle } from '../helpers/fake-tor.js';
import { xtermRows } from '../helpers/xterm.js';
import { forbiddenInOutput, HEADER_INFO, hostileTor, PAYLOAD, PAYLOAD_TEXT, SHOWN } from './hostile-tor.js';

afterEach(stopApps);

describe('a hostile control port', () => {
  it('the output check finds every injected sequence when they are written raw', () => {
    const found = forbiddenInOutput(`\x1b]0;ortop\x07${PAYLOAD}\x1b[21t`);
    expect(found).toEqual(expect.arrayContaining(['CSI 3J', 'CSI 6n (device status report)', 'CSI 21t (title report)', 'C1 CSI', 'DCS', 'OSC 8 hyperlink', 'RLO', 'invalid UTF-8', 'OSC "0;PWNED"']));
    expect(forbiddenInOutput('\x1b]0;ortop\x07\x1b[2J\x1b[1;1Hplain')).toEqual([]);
  });

  it('never forwards an injected escape sequence, on any page, and shows the sanitised text', async () => {
    const h = await startApp({ tor: hostileTor(), cols: 160, rows: 45 });
    h.tor.emitEvent(`NOTICE log ${PAYLOAD}`);
    h.tor.emitEvent(`WARN warn ${PAYLOAD}`);
    h.tor.emitEvent(`STREAM 71 SUCCEEDED 12 ta${PAYLOAD.replace(/ /g, '')}rget.example:443`);
    h.tor.emitEvent(`CIRC 13 BUILT $3EE5BD82604FF4A5E8C96565300270AA38B9FE8A~Evil${PAYLOAD.slice(0, 8)} PURPOSE=GENERAL`);
    await h.flush(1500);
    const screens: Record<string, string[]> = {};
    const grab = async (name: string) => {
      await h.flush();
      const grid = readGrid(h.term.screen);
      const shown = await xtermRows(h.term.bytes(), grid.cols, grid.rows);
      expect(shown.map((r) => r.trimEnd()), name).toEqual(grid.text);
      screens[name] = shown;
    };
    await grab('graph');
    for (const key of ['2', '3', '4', '5']) await h.keys(key).then(() => grab(`page ${key}`));
    await h.keys('2', 'home');
    for (let i = 0; i < 10 && !h.text().includes('platform:'); i++) {
      await h.keys('enter');
      await h.flush();
      if (!h.text().includes('platform:')) await h.keys('enter', 'down');
    }
    await grab('detail');
    await h.keys('d');
    await grab('descriptor');
    await h.keys('escape');

    // The interpreter shows tor's raw replies; CONF_CHANGED carries a hostile value too.
    h.tor.conf.set('ContactInfo', [`changed ${PAYLOAD_TEXT}`]);
    h.tor.announceConfChange(['ContactInfo']);
    await h.keys('5', 'enter');
    await h.type('GETCONF ContactInfo\r');
    await h.until('changed XLINK');
    await grab('interpreter');

    expect(forbiddenInOutput(h.term.bytes())).toEqual([]);
    // The interpreter shows tor's reply as tor escaped it (a CString): the escapes are text.
    expect(screens.interpreter!.join('')).toContain('X\\033[3J\\033[6n\\033]0;PWNED\\007');
    delete screens.interpreter;
    const all = Object.values(screens).flat().join('\n');
    const graph = screens.graph!.join('\n');
    expect(graph).toContain(`[NOTICE] log ${SHOWN}`);
    expect(graph).toContain(`[WARN] warn ${SHOWN}`);
    expect(graph).toContain(`${SHOWN} - 198.51.100.7:9001`); // the nickname
    expect(graph).toContain(`flags: Fast, Running, ${SHOWN}, Valid`);
    expect(screens.detail!.join('\n')).toContain(`contact: ${SHOWN}`);
    expect(screens.detail!.join('\n')).toContain(`on ${SHOWN}`);
    expect(screens.descriptor!.join('\n')).toContain(`contact ${SHOWN}`);
    expect(screens['page 2']!.join('\n')).toContain(`ta${SHOWN}rget.example:443`);
    expect(screens['page 3']!.join('\n')).toContain(SHOWN);
    expect(all).not.toContain('PWNED');
  });

  it.each([
    ['plain', 'A'],
    ['hostile', PAYLOAD],
  ])('stays responsive after a 1 MB %s log line: the next key is handled within a few turns', async (_name, unit) => {
    const h = await startApp({ tor: new FakeTor({ info: HEADER_INFO }), cols: 100, rows: 30 });
    h.tor.emitEvent(`NOTICE ${unit.repeat(Math.ceil((1024 * 1024) / unit.length))}`);
    h.tor.emitEvent('NOTICE after the big one');
    await h.flush();
    await h.until('after the big one');
    expect(h.text()).toContain('after the big one');
    expect(h.text()).toContain(`[NOTICE] ${unit === 'A' ? 'A'.repeat(40) : SHOWN + SHOWN}`); // the big line is shown, not dropped
    h.term.type('2');
    let turns = 0;
    while (h.app.viewState.page !== 1 && turns < 50) {
      await settle();
      turns++;
    }
    expect(h.app.viewState.page).toBe(1);
    expect(turns).toBeLessThan(10);
    await h.flush();
    expect(forbiddenInOutput(h.term.bytes())).toEqual([]);
  });

  it('answers in order while bursts of events interleave with the replies', async () => {
    const tor = new FakeTor({ info: HEADER_INFO, conf: { Nickname: 'calm', SocksPort: '0' } });
    tor.handle('GETCONF', (args) => {
      for (let i = 0; i < 200; i++) tor.emitEvent(`NOTICE burst ${i}`);
      return undefined;
    });
    const h = await startApp({ tor, cols: 120, rows: 40 });
    for (let i = 0; i < 200; i++) tor.emitEvent(`BW ${i} ${i}`);
    await h.until('calm');
    expect(h.text()).toContain('calm');
    const [a, b] = await Promise.all([h.controller.getConfOne('Nickname'), h.controller.getConfOne('SocksPort')]);
    expect(a).toEqual(['calm']);
    expect(b).toEqual(['0']);
  });

  it('a reply nobody asked for (out of order) drops that connection, says so, reconnects, and keeps the log', async () => {
    const tor = new FakeTor({ info: HEADER_INFO, conf: { Nickname: 'stray', SocksPort: '0' } });
    const h = await startApp({ tor, cols: 120, rows: 40, reconnect: { initialDelayMs: 100, maxDelayMs: 100 } });
    await h.until('stray');
    tor.emitEvent('NOTICE before the stray reply');
    await h.until('before the stray reply');
    const states: string[] = [];
    h.controller.onState((s) => states.push(s.kind));
    // A second final reply for a command that already had its answer: the FIFO cannot pair it.
    tor.handle('GETINFO', (args) => (args.trim() === 'traffic/read' ? '250-traffic/read=1\r\n250 OK\r\n250 OK\r\n' : undefined));
    await h.controller.getInfoOne('traffic/read').catch(() => undefined);
    tor.handle('GETINFO', () => undefined);
    for (let i = 0; i < 40 && !states.includes('connected'); i++) await h.flush(100);
    expect(states[0]).toBe('closed');
    expect(states).toContain('connected');
    await h.until('reply nobody asked for');
    expect(h.text()).toContain('sent a reply nobody asked for (250 OK)');
    expect(h.text()).toContain('before the stray reply');
    expect(h.text()).toContain('stray');
  });

  it('draws the header when tor trickles every byte of the start-up one at a time', async () => {
    const tor = new FakeTor({ info: HEADER_INFO, conf: { Nickname: 'trickler', SocksPort: '0' } });
    tor.chunkSizes = 1;
    const h = await startApp({ tor, cols: 120, rows: 40 });
    await h.until('trickler');
    expect(h.text()).toMatch(/trickler/);
    expect(h.text()).toMatch(/Tor 0\.4\.9\.11/);
  });
});
