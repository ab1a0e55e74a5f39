// Seed inputs for the fuzzer: every protocol fixture in the repository (real tor captures and
// Stem vectors) plus a few hand-written documents.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

export function loadSeeds(): Buffer[] {
  const files = walk(FIXTURES).filter((p) => !p.endsWith('.md'));
  const seeds = files.map((p) => readFileSync(p));
  seeds.push(
    Buffer.from('650 CIRC 7 BUILT $999A226EBED397F331B612FE1E4CFAE5C1F201BA~piyaz BUILD_FLAGS=NEED_CAPACITY PURPOSE=GENERAL TIME_CREATED=2012-11-08T16:48:38.417238\r\n'),
    Buffer.from('650 STREAM 70 SUCCEEDED 53 127.0.0.1:5080 SOURCE_ADDR=127.0.0.1:49072 PURPOSE=USER\r\n650 BW 10 20\r\n'),
    Buffer.from('graph_height 7\nshow_bits true\nlogged_events NOTICE-ERR\n'),
    Buffer.from('2369 (tor) S 1 2369 2369 0 -1 4194560 12000 0 3 0 1234 567 0 0 20 0 3 0 98765 1 4567\nVmRSS:\t 100 kB\nMemTotal: 1 kB\n'),
    Buffer.from('"127.0.0.1:9001" "[::]:9001"'),
    Buffer.from('NOTICE BOOTSTRAP PROGRESS=45 TAG=loading_descriptors SUMMARY="Loading relay descriptors"'),
  );
  return seeds;
}
