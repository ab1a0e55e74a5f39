// The frame readers used by the end-to-end suite, on rows captured from ortop against the test network.
import { describe, expect, it } from 'vitest';
import { comparableRows, maskNumbers, parseCircuitBlocks, parseConnectionRows, parseStreamRows } from './frames.js';

const CONNECTIONS = [
  'Connections (10 inbound, 4 outbound, 1 exit, 1 control, 3 onion, 4 circuit, 1 relay):',
  '127.0.0.1:32009       <-- 127.0.0.1:37916 (??)          auth1                                          >1.5s (INBOUND)',
  '127.0.0.1:39604       --> 127.0.0.1:32008 (??)          relay1                                         >1.5s (OUTBOUND)',
  '127.0.0.1:38896       --> <scrubbed>:38451              exit connection                                >1.5s (EXIT)',
  'Circuit 20            --> 127.0.0.1:32006 (??)          HS_VANGUARDS, BUILT                            22.5s (ONION)',
  '  ├─ 1 / Guard   127.0.0.1:32004 (??)         auth2',
  '  ├─ 2 / Middle  127.0.0.1:32008 (??)         relay1',
  '  └─ 3 / End     127.0.0.1:32006 (??)         auth3',
  'Circuit 1             --> 127.0.0.1:32002 (??)          GENERAL, BUILT                                  1.1m (DIRECTORY)',
  '  └─ 1 / Guard   127.0.0.1:32002 (??)         auth1',
  'Circuit 17            --> 127.0.0.1:36372               CONFLUX_LINKED, BUILT, 2 streams               20.9s (CIRCUIT)',
  '  ├─ 1 / Guard   127.0.0.1:36368              auth2',
  '  ├─ 2 / Middle  127.0.0.1:36370              auth3',
  '  ├─ 3 / End     127.0.0.1:36372              exit1',
  '  ├─ stream 35   SUCCEEDED   127.0.0.1:46173 via exit1                                                >20.3s',
  '  └─ stream 149  SUCCEEDED   127.0.0.1:46173 via exit1  from 127.0.0.1:59768                            0.2s',
].join('\n');

describe('frame readers', () => {
  it('masks what changes from one second to the next', () => {
    expect(maskNumbers('cpu: 8.1% tor, 2.5% ortop   mem: 218 MB (0.9%)   pid: 2231   uptime: 00:02:27')).toBe('cpu: # tor, # ortop mem: # (#) pid: # uptime: #');
    expect(maskNumbers('Download (7.8 MB/s - avg: 8.7 MB/s, total: 1.3 GB):')).toBe('Download (# - avg: #, total: #):');
    expect(maskNumbers('exit1 - 127.0.0.1:32009, Control Port (safecookie): 35895')).toBe('exit# - #, Control Port (safecookie): #');
  });

  it('keeps header and status rows, the body of static pages, and only the titles of live ones', () => {
    const frame = ['exit1 - 127.0.0.1:1', 'flags: Exit', 'Download (1 MB/s - avg: 2 MB/s):', '9 MB ███', 'page 1 / 6'].join('\n');
    expect(comparableRows(frame, 'graph', 2)).toEqual(['exit# - #', 'flags: Exit', 'Download (…', 'page # / #']);
    expect(comparableRows(frame, 'config', 2)).toHaveLength(5);
  });

  it('reads connection rows and circuits with their hops', () => {
    expect(parseConnectionRows(CONNECTIONS)).toEqual([
      { local: '127.0.0.1:32009', direction: '<--', remote: '127.0.0.1:37916', name: 'auth1', category: 'INBOUND' },
      { local: '127.0.0.1:39604', direction: '-->', remote: '127.0.0.1:32008', name: 'relay1', category: 'OUTBOUND' },
      { local: '127.0.0.1:38896', direction: '-->', remote: '<scrubbed>:38451', name: 'exit connection', category: 'EXIT' },
    ]);
    expect(parseCircuitBlocks(CONNECTIONS)).toEqual([
      { id: '20', purpose: 'HS_VANGUARDS', status: 'BUILT', hops: ['auth2', 'relay1', 'auth3'] },
      { id: '1', purpose: 'GENERAL', status: 'BUILT', hops: ['auth1'] },
      { id: '17', purpose: 'CONFLUX_LINKED', status: 'BUILT', hops: ['auth2', 'auth3', 'exit1'] },
    ]);
    expect(parseStreamRows(CONNECTIONS)).toEqual([
      { id: '35', status: 'SUCCEEDED', target: '127.0.0.1:46173 via exit1', circuitId: '17' },
      { id: '149', status: 'SUCCEEDED', target: '127.0.0.1:46173 via exit1', circuitId: '17' },
    ]);
  });
});
