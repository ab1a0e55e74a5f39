// Key material for the test network: directory-authority keys from tor-gencert (identity, signing
// key, certificate → v3ident) and relay identity keys from `tor --list-fingerprint` (→ fingerprint).
// Keys go into a KeyDirectory the node's tor later uses, so the fingerprint stays the same.

import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';

const RUN_TIMEOUT_MS = 30_000;

function run(file: string, args: readonly string[], input?: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(file, [...args], { timeout: RUN_TIMEOUT_MS }, (error, stdout, stderr) => {
      if (error !== null) reject(new Error(`${file} ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`.trim()));
      else resolve({ stdout, stderr });
    });
    child.stdin?.end(input ?? '');
  });
}

/** tor-gencert: $ORTOP_TOR_GENCERT, next to tor, /usr/bin (Debian puts tor in /usr/sbin), then $PATH. */
export function findGencert(torPath: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const override = env.ORTOP_TOR_GENCERT;
  if (override !== undefined && override !== '') return isExecutable(override) ? override : undefined;
  const path = (env.PATH ?? '').split(delimiter).filter((d) => d !== '');
  return [dirname(torPath), '/usr/bin', ...path].map((d) => join(d, 'tor-gencert')).find(isExecutable);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates authority_identity_key, authority_signing_key and authority_certificate in keyDir
 * (empty passphrase, 12 months) and returns the v3ident: the certificate's "fingerprint" line.
 */
export async function createAuthorityKeys(gencertPath: string, keyDir: string): Promise<string> {
  await mkdir(keyDir, { recursive: true, mode: 0o700 });
  await run(
    gencertPath,
    [
      '--create-identity-key',
      '-m', '12',
      '-i', join(keyDir, 'authority_identity_key'),
      '-s', join(keyDir, 'authority_signing_key'),
      '-c', join(keyDir, 'authority_certificate'),
      '--passphrase-fd', '0',
    ],
    '\n',
  );
  return parseCertificateFingerprint(await readFile(join(keyDir, 'authority_certificate'), 'utf8'));
}

/** "fingerprint <40 hex>" from a dir-key-certificate-version 3 document (dir-spec §3.1). */
export function parseCertificateFingerprint(certificate: string): string {
  const m = /^fingerprint ([0-9A-F]{40})$/m.exec(certificate);
  if (m === null) throw new Error('authority_certificate has no "fingerprint" line');
  return m[1]!;
}

/**
 * Generates the relay identity keys in keyDir (if missing) and returns the RSA identity
 * fingerprint, using a throwaway DataDirectory and an empty torrc (never /etc/tor/torrc).
 */
export async function relayFingerprint(torPath: string, nickname: string, keyDir: string, scratchDir: string): Promise<string> {
  await mkdir(keyDir, { recursive: true, mode: 0o700 });
  await mkdir(scratchDir, { recursive: true, mode: 0o700 });
  const empty = join(scratchDir, 'empty-torrc');
  await writeFile(empty, '');
  const { stdout } = await run(torPath, [
    '--list-fingerprint',
    '-f', empty,
    '--defaults-torrc', empty,
    '--DataDirectory', scratchDir,
    '--KeyDirectory', keyDir,
    '--ORPort', '127.0.0.1:1',
    '--Nickname', nickname,
    '--Log', 'err stderr',
  ]);
  return parseListFingerprint(stdout, nickname);
}

/** `tor --list-fingerprint` prints "<nickname> XXXX XXXX … XXXX" (10 groups of 4 hex digits). */
export function parseListFingerprint(stdout: string, nickname: string): string {
  for (const line of stdout.split('\n')) {
    const m = /^(\S+) ((?:[0-9A-F]{4} ){9}[0-9A-F]{4})\s*$/.exec(line.trim());
    if (m !== null && m[1] === nickname) return m[2]!.replace(/ /g, '');
  }
  throw new Error(`tor --list-fingerprint printed no fingerprint for ${nickname}: ${stdout.trim().slice(-300)}`);
}
