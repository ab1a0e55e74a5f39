// `npm run net`: brings the private test network up by hand, prints how to attach ortop to each
// node, optionally keeps traffic flowing (--traffic), and stops everything on Ctrl-C (SIGINT/SIGTERM).
// Everything stays on 127.0.0.1; only the processes it started are stopped.

import { startNetwork } from './network.js';
import { startTraffic, type Traffic } from './traffic.js';

const args = new Set(process.argv.slice(2));
const stamp = () => new Date().toISOString().slice(11, 19);
const net = await startNetwork({ log: (line) => process.stdout.write(`[${stamp()}] ${line}\n`) }).catch((e: Error) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});

process.stdout.write('\nThe test network is up. Attach ortop to a node with:\n');
for (const n of net.nodes) {
  const env = n.tor.password === undefined ? '' : `ORTOP_PASSWORD=${n.tor.password} `;
  const fp = n.fingerprint === undefined ? '' : `  ${n.fingerprint}`;
  process.stdout.write(`  ${n.name.padEnd(8)} ${n.role.padEnd(9)} ${env}node dist/cli.js -i ${n.tor.controlPort}${fp}\n`);
}
process.stdout.write(`\nSOCKS: 127.0.0.1:${net.socksPort}   HTTP destination: http://127.0.0.1:${net.http.port}/bytes/<n>\n`);
process.stdout.write(`Logs: <DataDirectory>/notice.log, e.g. ${net.exit.tor.logPath}\n`);

let traffic: Traffic | undefined;
if (args.has('--traffic')) {
  traffic = startTraffic({ socksPort: net.socksPort, httpHost: '127.0.0.1', httpPort: net.http.port }, { parallel: 2, bytesEach: 4 * 1024 * 1024 });
  process.stdout.write('Downloading 2 x 4 MiB at a time through the network (--traffic).\n');
}
process.stdout.write('Press Ctrl-C to stop every node.\n');

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\nstopping…\n');
  await traffic?.stop();
  await net.stop();
  if (traffic !== undefined) process.stdout.write(`${traffic.completed} downloads, ${(traffic.bytes / 1e6).toFixed(1)} MB, ${traffic.failed} failed\n`);
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
setInterval(() => {}, 1 << 30);
