// Run as another (unprivileged) user by test/integration/tor-locality.test.ts: connects to a control
// port and prints decideTorLocality's JSON for the pid/uid/listeners given on the command line.
//   node --import tsx test/helpers/locality-probe.ts PORT PID UID LISTENER...
import net from 'node:net';
import { decideTorLocality } from '../../src/system/tor-locality.js';

const [port, pid, uid, ...controlListeners] = process.argv.slice(2);
const socket = net.connect(Number(port), '127.0.0.1', () => {
  const endpoint = { kind: 'tcp', localAddress: socket.localAddress!, localPort: socket.localPort!, remoteAddress: socket.remoteAddress!, remotePort: socket.remotePort! } as const;
  void decideTorLocality({ pid: Number(pid), uid: Number(uid), controlListeners, endpoint }).then((d) => {
    process.stdout.write(`${JSON.stringify(d)}\n`);
    socket.destroy();
  });
});
socket.on('error', (e) => {
  process.stderr.write(`${e.message}\n`);
  process.exitCode = 1;
});
