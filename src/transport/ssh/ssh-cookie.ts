// tor's authentication cookie on the remote host, read over the same ssh destination with
// `cat -- 'COOKIEFILE'` (through the tunnel's connection when it is up). At most 33 bytes are taken
// (more means it is no cookie), it stays in memory only, and the caller checks it is exactly 32.
import { spawn } from 'node:child_process';
import { buildCatArgs, formatCommandLine, sshFailureReason } from './ssh-argv.js';
import type { SshTunnel } from './ssh-tunnel.js';

const COOKIE_MAX_BYTES = 33;
const STDERR_CAP = 2048;

/** A CookieReader (src/controller/cookie.ts) for the tor behind `tunnel`. */
export function sshCookieReader(tunnel: SshTunnel, options: { readonly timeoutMs?: number; readonly onLog?: (line: string) => void } = {}): (file: string) => Promise<Uint8Array> {
  return (file) => {
    if (file.includes('\0') || /[\r\n]/.test(file)) return Promise.reject(Object.assign(new Error('the path contains a NUL or a line break'), { code: 'ENUL' }));
    const args = buildCatArgs(tunnel.target, file, tunnel.controlPath, tunnel.command);
    options.onLog?.(`ssh: running ${formatCommandLine(tunnel.sshPath, args)}`);
    return new Promise<Uint8Array>((resolve, reject) => {
      const child = spawn(tunnel.sshPath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      const chunks: Buffer[] = [];
      let size = 0;
      let stderr = '';
      let tooBig = false;
      const timer = setTimeout(() => child.kill('SIGTERM'), options.timeoutMs ?? 15_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        if (size < COOKIE_MAX_BYTES) chunks.push(chunk.subarray(0, COOKIE_MAX_BYTES - size));
        size += chunk.length;
        if (size >= COOKIE_MAX_BYTES && !tooBig) {
          tooBig = true;
          child.kill('SIGTERM');
        }
      });
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (chunk: string) => {
        stderr = (stderr + chunk).slice(-STDERR_CAP);
      });
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(Object.assign(new Error(`could not run ssh: ${e.message}`), { code: 'ESSH' }));
      });
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        const bytes = Buffer.concat(chunks);
        // More than a cookie: hand over 33 bytes, and the caller's size check refuses them.
        if (tooBig || (code === 0 && signal === null)) return resolve(new Uint8Array(bytes));
        const reason = sshFailureReason(stderr, { code, signal });
        reject(Object.assign(new Error(`cat over ssh to ${tunnel.host} failed: ${reason}`), { code: 'ESSH' }));
      });
    });
  };
}
