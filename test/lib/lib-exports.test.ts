// The built library (dist/lib.js, dist/types) is the curated surface of src/lib.ts, not every internal
// module: exactly these runtime names, declarations only for what they refer to, and README's examples
// working through it (typed listeners, errors with a kind) against a FakeTor and a closed port.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeTor, settle } from '../helpers/fake-tor.js';

const ROOT = new URL('../..', import.meta.url).pathname;
type Lib = typeof import('../../src/lib.js');
const lib = (): Promise<Lib> => import(join(ROOT, 'dist/lib.js')) as Promise<Lib>;

/** Every runtime export; a change here is a change of the library's API. */
const CURATED = [
  'AuthError', 'AuthFailedError', 'ConnectFailedError', 'ConnectionClosedError', 'Controller', 'CookieRejectedError', 'CookieSizeError',
  'CookieUnreadableError', 'Framer', 'ManualClock', 'NoControlPortError', 'NoUsableAuthMethodError', 'NotTorError', 'NothingListeningError',
  'PasswordRequiredError', 'ProtocolDesyncError', 'ProtocolError', 'ReplyError', 'RequestTimeoutError', 'SaveConfFailedError',
  'SaveConfNeedsForceError', 'ServerHashMismatchError', 'SocketPermissionError', 'TransportError', 'UnreachableError', 'UnresponsiveError',
  'WrongPasswordError', 'connect', 'connectFirst', 'decodeQuoted', 'describeTarget', 'discoverTargets', 'eventTypeOf', 'formatCommand',
  'openTransport', 'parseEvent', 'parseGetConf', 'parseGetInfo', 'parseMicrodescriptor', 'parseMicrodescriptors', 'parseProtocolInfo',
  'parseRouterStatusEntries', 'parseServerDescriptor', 'parseServerDescriptors', 'quoteString', 'readCookieFile', 'realClock',
  'transportFactoryFor', 'unquote',
];

describe('the library surface', () => {
  it('dist/lib.js exports exactly the curated list', async () => {
    expect(Object.keys(await lib()).sort()).toEqual([...CURATED].sort());
  });

  it('src/lib.ts names what it exports (no export * of a folder)', () => {
    expect(readFileSync(join(ROOT, 'src/lib.ts'), 'utf8')).not.toMatch(/export \*/);
  });

  it("ships declarations for lib.ts and what it refers to, none of the app's", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { types: string; exports: { '.': { types: string } } };
    expect(pkg.types).toBe('dist/types/lib.d.ts');
    expect(pkg.exports['.'].types).toBe('./dist/types/lib.d.ts');
    expect(existsSync(join(ROOT, pkg.types))).toBe(true);
    expect(readdirSync(join(ROOT, 'dist/types')).sort()).toEqual(['controller', 'lib.d.ts', 'protocol', 'transport']);
  });

  it("README's example type-checks against the shipped declarations alone", () => {
    const dir = mkdtempSync(join(tmpdir(), 'ortop-consumer-'));
    writeFileSync(
      join(dir, 'use.ts'),
      `import { connect, Framer, parseEvent, type TorControlErrorKind } from 'ortop';
const tor = await connect({ target: { kind: 'tcp', host: '127.0.0.1', port: 9051 } });
const version: string = await tor.getInfoOne('version');
tor.on('BW', (event) => console.log(version, event.readBytes + event.writtenBytes));
tor.on('NOTICE', (event) => console.log(event.runlevel, event.message));
await tor.setConf({ ContactInfo: 'me' });
tor.onState((s) => console.log(s.kind));
const kind: TorControlErrorKind = 'command-refused';
for (const out of new Framer().push(new Uint8Array())) if (out.kind === 'reply') console.log(parseEvent(out.reply).kind, kind);
`,
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: [], typeRoots: [join(ROOT, 'node_modules/@types')], paths: { ortop: [join(ROOT, 'dist/types/lib.d.ts')] } },
        files: ['use.ts'],
      }),
    );
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const run = () => spawnSync(process.execPath, [tsc, '-p', dir, '--types', 'node'], { encoding: 'utf8' });
    expect(run()).toMatchObject({ status: 0, stdout: '' });
    // …and the check can fail: a BW event has no `message`.
    writeFileSync(join(dir, 'use.ts'), `import { connect } from 'ortop';\nconst tor = await connect();\ntor.on('BW', (event) => event.message);\n`);
    const failed = run();
    expect(failed.status).not.toBe(0);
    expect(failed.stdout).toMatch(/Property 'message' does not exist on type 'BwEvent'/);
  }, 60_000);
});

describe("README's library examples, through dist/lib.js", () => {
  it('typed listeners and a refused command with its kind', async () => {
    const { Controller, ReplyError } = await lib();
    const fake = new FakeTor();
    const tor = new Controller({ openTransport: fake.openTransport, auth: { readCookie: fake.readCookie } });
    await tor.open();
    const seen: string[] = [];
    tor.on('BW', (event) => seen.push(`read ${event.readBytes} B/s, wrote ${event.writtenBytes} B/s`));
    await tor.syncEvents();
    fake.emitEvent('BW 1024 2048');
    await settle();
    expect(seen).toEqual(['read 1024 B/s, wrote 2048 B/s']);
    const refused = await tor.getConf('NoSuchOption').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ReplyError);
    expect(refused).toMatchObject({ kind: 'command-refused', code: 552 });
    tor.close();
  });

  it('connect() to a closed port fails with kind nothing-listening; a malformed reply with protocol-violation', async () => {
    const { connect, ProtocolError, parseGetInfo, Framer } = await lib();
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = server.address() as { port: number };
        server.close(() => resolve(p));
      });
    });
    await expect(connect({ target: { kind: 'tcp', host: '127.0.0.1', port }, reconnect: false })).rejects.toMatchObject({ kind: 'nothing-listening' });
    const [out] = new Framer().push(Buffer.from('250-version\r\n250 OK\r\n'));
    const error = (() => {
      try {
        parseGetInfo(out!.kind === 'reply' ? out!.reply : (undefined as never));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ kind: 'protocol-violation' });
  });
});
