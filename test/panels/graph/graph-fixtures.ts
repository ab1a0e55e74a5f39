// Fixed graph models for the panel tests: empty, steady traffic, one absurd spike (Nyx #72),
// accounting on, long intervals from a state file, connections not provided yet.
import { GraphModel, parseStateFileHistory } from '../../../src/relay/bandwidth/index.js';
import type { GraphPanelInput, GraphView } from '../../../panels/graph/index.js';

export const NOW_MS = Date.UTC(2026, 10, 27, 12, 0, 0);
export const VIEW: GraphView = { stat: 'bandwidth', interval: 'each second', bound: 'local_max', barRows: 7 };

function steadyModel(seconds = 400): GraphModel {
  const m = new GraphModel();
  m.limits = { rateBytesPerSec: 5 * 1024 * 1024, burstBytesPerSec: 10 * 1024 * 1024 };
  m.observed = { bytesPerSec: 2_300_000, publishedAtMs: NOW_MS - 3 * 3600_000, source: 'published' };
  m.torStartedAtMs = NOW_MS - 86_400_000;
  m.seedTotals(80e9, 60e9);
  for (let i = 0; i < seconds; i++) {
    const t = NOW_MS - (seconds - i) * 1000;
    m.recordSecond(
      {
        readBytes: Math.round(1_200_000 + 600_000 * Math.sin(i / 9) + ((i * 7919) % 97) * 1000),
        writtenBytes: Math.round(1_000_000 + 400_000 * Math.cos(i / 6) + ((i * 104729) % 89) * 1000),
        connections: { inbound: 800 + (i % 37), outbound: 300 + (i % 11) },
        resources: { cpuPercent: 12 + (i % 5), rssBytes: 300e6 + i * 1000 },
      },
      t,
    );
  }
  return m;
}

export function emptyModel(): GraphModel {
  return new GraphModel();
}

export function spikeModel(): GraphModel {
  const m = steadyModel(100);
  m.recordSecond({ readBytes: 4_294_000_000, writtenBytes: 1_100_000 }, NOW_MS - 9000);
  for (let i = 0; i < 8; i++) m.recordSecond({ readBytes: 1_300_000, writtenBytes: 1_000_000 }, NOW_MS - (8 - i) * 1000);
  return m;
}

export function accountingModel(): GraphModel {
  const m = steadyModel();
  m.accounting = {
    kind: 'on',
    facts: {
      hibernating: 'soft',
      readBytes: 9.2 * 1024 ** 3,
      writtenBytes: 8.7 * 1024 ** 3,
      readLimitBytes: 10 * 1024 ** 3,
      writtenLimitBytes: 10 * 1024 ** 3,
      intervalEndMs: NOW_MS + (2 * 86_400 + 3 * 3600 + 4 * 60 + 5) * 1000,
      atMs: NOW_MS,
    },
  };
  return m;
}

export function historyModel(): GraphModel {
  const m = steadyModel(30);
  const values = (scale: number) => Array.from({ length: 300 }, (_, i) => Math.round(scale * (1 + Math.sin(i / 12)) * 900)).join(',');
  const state = parseStateFileHistory(
    [
      'BWHistoryReadEnds 2026-11-27 11:45:00',
      'BWHistoryReadInterval 900',
      `BWHistoryReadValues ${values(800_000)}`,
      'BWHistoryWriteEnds 2026-11-27 11:45:00',
      'BWHistoryWriteInterval 900',
      `BWHistoryWriteValues ${values(600_000)}`,
      'LastWritten 2026-11-27 11:40:00',
    ].join('\n'),
  );
  m.seedLongHistory(state, '/var/lib/tor/state', NOW_MS);
  return m;
}

export function unreadableStateModel(): GraphModel {
  const m = steadyModel(30);
  m.longHistory = { kind: 'unavailable', path: '/var/lib/tor/state', reason: 'is not readable: permission denied' };
  return m;
}

export function input(model: GraphModel, view: Partial<GraphView> = {}, extra: Partial<GraphPanelInput> = {}): GraphPanelInput {
  return { model, view: { ...VIEW, ...view }, nowMs: NOW_MS, bits: false, unicode: true, showAccounting: true, ...extra };
}

export { steadyModel };
