// Summarises a V8 .cpuprofile of one ortop startup (node --cpu-prof): where the time from fork to the
// first full frame went, by phase (bootstrap, until first byte, until UI drawn, until full frame) and by
// owner (blessed, blessed-contrib, ortop's own source folders via the bundle's "// src/..." markers,
// node internals, idle = waiting on tor or I/O). Reads files only; never runs or changes ortop.

import { readFileSync } from 'node:fs';
import { formatTable } from './stats.js';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface StartupMarks {
  readonly forkMonotonicNs: bigint | undefined;
  readonly fullFrameMs: number;
  readonly uiDrawnMs: number | undefined;
  readonly firstByteMs: number | undefined;
}

interface Attribution {
  readonly owner: string;
  readonly loading: boolean;
}

const SEGMENT_MIN_MS = 3;
const LOADER_FUNCTIONS = new Set(['Module._load', 'Module.require', 'require', 'compileFunction', 'wrapSafe', 'Module._compile', 'loadCJSModule', 'ModuleJob.run', 'link', 'instantiate', 'importModuleDynamically']);

/** Source file of each line of a bundle, from esbuild's "// path/to/file.ts" markers. */
function bundleSourceMap(bundlePath: string): (line: number) => string {
  let lines: string[];
  try {
    lines = readFileSync(bundlePath, 'utf8').split('\n');
  } catch {
    return () => 'dist/cli.js';
  }
  const starts: Array<{ line: number; source: string }> = [];
  lines.forEach((text, i) => {
    const m = /^\/\/ ((?:src|panels)\/\S+\.ts)$/.exec(text);
    if (m !== null) starts.push({ line: i, source: m[1]! });
  });
  return (line) => {
    let source = 'dist/cli.js (bundle prologue)';
    for (const s of starts) {
      if (s.line > line) break;
      source = s.source;
    }
    return source;
  };
}

function ownerOfFrame(frame: CallFrame, sourceOfLine: (url: string, line: number) => string): string | undefined {
  const url = frame.url;
  if (url === '' || url.startsWith('node:')) return undefined;
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg !== null) return pkg[1]!;
  if (url.endsWith('/dist/cli.js')) {
    const source = sourceOfLine(url, frame.lineNumber);
    // Group ortop's own code by folder (src/app, src/protocol, panels/header, ...).
    const folder = /^((?:src|panels)\/[^/]+)\//.exec(source)?.[1] ?? source;
    return `ortop ${folder}`;
  }
  return url.replace(/^file:\/\//, '');
}

export function summariseStartupProfile(path: string, marks: StartupMarks): string {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const maps = new Map<string, (line: number) => string>();
  const sourceOfLine = (url: string, line: number) => {
    let map = maps.get(url);
    if (map === undefined) {
      map = bundleSourceMap(url.replace(/^file:\/\//, ''));
      maps.set(url, map);
    }
    return map(line);
  };

  const attribution = new Map<number, Attribution>();
  const attribute = (id: number): Attribution => {
    const cached = attribution.get(id);
    if (cached !== undefined) return cached;
    const node = byId.get(id)!;
    const special: Record<string, string> = { '(idle)': 'idle (waiting: tor, I/O)', '(garbage collector)': 'GC', '(program)': 'V8/native (program)' };
    let owner = special[node.callFrame.functionName];
    let loading = false;
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur)!.callFrame;
      owner ??= ownerOfFrame(frame, sourceOfLine);
      if (LOADER_FUNCTIONS.has(frame.functionName) || (frame.url.startsWith('node:internal/modules') && frame.functionName !== '')) loading = true;
    }
    const result = { owner: owner ?? 'node internals', loading };
    attribution.set(id, result);
    return result;
  };

  // Phases on the fork's clock (V8 profile times are CLOCK_MONOTONIC µs on Linux, like the pty helper's).
  const startMs = marks.forkMonotonicNs === undefined ? undefined : profile.startTime / 1000 - Number(marks.forkMonotonicNs) / 1e6;
  const phases: Array<{ name: string; endMs: number }> = [];
  if (marks.firstByteMs !== undefined) phases.push({ name: 'until first byte', endMs: marks.firstByteMs });
  if (marks.uiDrawnMs !== undefined) phases.push({ name: 'until UI drawn', endMs: marks.uiDrawnMs });
  phases.push({ name: 'until full frame', endMs: marks.fullFrameMs });
  phases.sort((a, b) => a.endMs - b.endMs);

  const perPhase = new Map<string, Map<string, number>>();
  const loadingMs = new Map<string, number>();
  const segments: Array<{ owner: string; fromMs: number; toMs: number }> = [];
  const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
  let t = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += (profile.timeDeltas[i] ?? 0) / 1000;
    const atMs = (startMs ?? 0) + t;
    if (atMs > marks.fullFrameMs) break;
    const phase = phases.find((p) => atMs <= p.endMs)?.name ?? 'until full frame';
    const a = attribute(profile.samples[i]!);
    const ms = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    add(perPhase.get(phase) ?? perPhase.set(phase, new Map()).get(phase)!, a.owner, ms);
    if (a.loading) add(loadingMs, a.owner, ms);
    const label = a.loading ? `${a.owner} (loading)` : a.owner;
    const last = segments[segments.length - 1];
    if (last !== undefined && last.owner === label) last.toMs = atMs + ms;
    else segments.push({ owner: label, fromMs: atMs, toMs: atMs + ms });
  }

  const owners = new Map<string, number>();
  for (const m of perPhase.values()) for (const [o, ms] of m) add(owners, o, ms);
  const ordered = [...owners.entries()].sort((a, b) => b[1] - a[1]);
  const phaseNames = phases.map((p) => p.name).filter((n) => perPhase.has(n));
  const rows = ordered
    .filter(([, ms]) => ms >= 1)
    .map(([owner, total]) => [
      owner,
      ...phaseNames.map((p) => (perPhase.get(p)?.get(owner) ?? 0).toFixed(0)),
      total.toFixed(0),
      (loadingMs.get(owner) ?? 0).toFixed(0),
    ]);
  const out = [
    `ortop startup profile (${path})`,
    `fork -> profiler start (node bootstrap, not sampled): ${startMs === undefined ? 'unknown' : `${startMs.toFixed(0)} ms`}`,
    `phase ends (ms from fork): ${phases.map((p) => `${p.name.replace('until ', '')} ${p.endMs.toFixed(0)}`).join(', ')}`,
    'sampled ms per owner (innermost non-node frame; "loading" = under require/import/compile):',
    formatTable(['owner', ...phaseNames.map((p) => p.replace('until ', '-> ')), 'total', 'loading'], rows),
  ];
  out.push(`timeline (runs of one owner lasting >= ${SEGMENT_MIN_MS} ms, ms from fork):`);
  for (const seg of segments) {
    if (seg.toMs - seg.fromMs >= SEGMENT_MIN_MS) out.push(`  ${seg.fromMs.toFixed(0).padStart(4)}-${seg.toMs.toFixed(0).padEnd(4)} ${seg.owner}`);
  }
  return out.join('\n');
}
