// A throwaway OpenSSH server for tests: /usr/sbin/sshd -D -e on 127.0.0.1:<free port>, as the
// current user, with its own host key, an authorized user key and a key that is not authorized, all
// in a temp dir. Tests point ortop's ssh at it with ORTOP_SSH_CONFIG (a client config for the host
// alias "ortop-test"); nothing of the user's ~/.ssh is read or written. Kills only its own processes.
//
//   const sshd = await startSshd();
//   sshd.clientConfig        ssh config file: Host ortop-test → 127.0.0.1:<port> with the good key
//   sshd.wrongKeyConfig      the same, with a key sshd does not accept
//   sshd.env                 { ORTOP_SSH_CONFIG: clientConfig }
//   await sshd.kill()        SIGKILL sshd and every session process it forked (the link drops)
//   await sshd.restart()     start again on the same port with the same keys
//   await sshd.stop()        kill and remove the temp dir
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export const SSHD_PATH = '/usr/sbin/sshd';
export const SSH_HOST_ALIAS = 'ortop-test';

export interface Sshd {
  readonly port: number;
  readonly dir: string;
  readonly clientConfig: string;
  readonly wrongKeyConfig: string;
  readonly env: { readonly ORTOP_SSH_CONFIG: string };
  readonly pid: number | undefined;
  /** What sshd wrote on stderr (-e), last 8 KiB. */
  readonly log: () => string;
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Why sshd cannot run here, or undefined when it can (tests fail with this under ORTOP_REQUIRE_TOR=1). */
export function sshdMissing(): string | undefined {
  if (!existsSync(SSHD_PATH)) return `${SSHD_PATH} is not installed (apt-get install openssh-server)`;
  try {
    execFileSync('ssh', ['-V'], { stdio: 'ignore' });
  } catch {
    return 'ssh is not installed (apt-get install openssh-client)';
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function keygen(path: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'ortop-test', '-f', path], { stdio: 'ignore' });
}

function clientConfig(dir: string, port: number, key: string): string {
  return [
    `Host ${SSH_HOST_ALIAS}`,
    '  HostName 127.0.0.1',
    `  Port ${port}`,
    `  User ${userInfo().username}`,
    `  IdentityFile ${key}`,
    '  IdentitiesOnly yes',
    '  IdentityAgent none',
    `  UserKnownHostsFile ${join(dir, 'known_hosts')}`,
    '  GlobalKnownHostsFile /dev/null',
    '  StrictHostKeyChecking accept-new',
    '',
  ].join('\n');
}

/** Every descendant of pid (by the ppid in each /proc/PID/stat). */
export function descendantsOf(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(name), ppid);
    } catch {
      // Gone meanwhile.
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, pp] of parent) {
      if (pp === p && !out.includes(child)) {
        out.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return out;
}

export async function startSshd(): Promise<Sshd> {
  const missing = sshdMissing();
  if (missing !== undefined) throw new Error(missing);
  // sshd started as root wants its privilege-separation directory (the Debian service makes it).
  if (process.getuid?.() === 0 && !existsSync('/run/sshd')) mkdirSync('/run/sshd', { mode: 0o755 });
  const dir = await mkdtemp(join(tmpdir(), 'ortop-sshd-'));
  const port = await freePort();
  keygen(join(dir, 'host_key'));
  keygen(join(dir, 'user_key'));
  keygen(join(dir, 'wrong_key'));
  await writeFile(join(dir, 'authorized_keys'), readFileSync(join(dir, 'user_key.pub')));
  const config = join(dir, 'sshd_config');
  await writeFile(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'UsePAM no',
      'StrictModes no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'PermitRootLogin prohibit-password',
      'AllowTcpForwarding yes',
      'AllowStreamLocalForwarding yes',
      'ClientAliveInterval 0',
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
  );
  const goodConfig = join(dir, 'ssh_config');
  const wrongConfig = join(dir, 'ssh_config_wrong_key');
  await writeFile(goodConfig, clientConfig(dir, port, join(dir, 'user_key')));
  await writeFile(wrongConfig, clientConfig(dir, port, join(dir, 'wrong_key')));

  let child: ChildProcess | undefined;
  let log = '';
  const launch = async () => {
    const c = spawn(SSHD_PATH, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = c;
    c.stderr?.setEncoding('utf8');
    c.stderr?.on('data', (chunk: string) => {
      log = (log + chunk).slice(-8192);
    });
    // Ready when it accepts a TCP connection (sshd logs "Server listening" too, but a connect is the proof).
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (c.exitCode !== null) throw new Error(`sshd exited with ${c.exitCode}: ${log}`);
      const ok = await new Promise<boolean>((resolve) => {
        const s = net.connect(port, '127.0.0.1');
        s.once('connect', () => {
          s.destroy();
          resolve(true);
        });
        s.once('error', () => resolve(false));
      });
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`sshd did not listen on 127.0.0.1:${port}: ${log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const kill = async () => {
    const c = child;
    if (c === undefined || c.pid === undefined || c.exitCode !== null || c.signalCode !== null) return;
    const family = descendantsOf(c.pid);
    const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    c.kill('SIGKILL');
    for (const pid of family) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await exited;
  };
  await launch();
  return {
    port,
    dir,
    clientConfig: goodConfig,
    wrongKeyConfig: wrongConfig,
    env: { ORTOP_SSH_CONFIG: goodConfig },
    get pid() {
      return child?.pid;
    },
    log: () => log,
    kill,
    restart: async () => {
      await kill();
      await launch();
    },
    stop: async () => {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Processes whose command line mentions `text` (our ssh children carry their runtime dir in -o ControlPath=…). */
export function processesMentioning(text: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(text)) found.push(Number(name));
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}
