import { describe, expect, it } from 'vitest';
import type { ControlCommand, ControlConnection, ControlHandler, ServerAuthSettings } from '../../src/demo/index.js';
import {
  ControlServer,
  formatConfLines,
  formatDataEvent,
  formatGetInfoReply,
  planConfChange,
} from '../../src/demo/index.js';
import type { Transport } from '../../src/transport/transport.js';
import { settle } from '../helpers/fake-tor.js';

const NULL_AUTH: ServerAuthSettings = { methods: ['NULL'], cookie: new Uint8Array(32), cookieFile: '/x', password: undefined, torVersion: '0.4.9.11' };

function makeServer(options: { maxConnections?: number } = {}): { server: ControlServer; seen: ControlCommand[] } {
  const seen: ControlCommand[] = [];
  const handler: ControlHandler = {
    answer(command: ControlCommand, connection: ControlConnection) {
      seen.push(command);
      if (command.keyword === 'SETEVENTS') {
        connection.events.clear();
        for (const w of command.args.split(' ').filter((x) => x !== '')) connection.events.add(w);
      }
      return '250 OK\r\n';
    },
  };
  const server = new ControlServer({ handler, description: () => 'test:9051', auth: () => NULL_AUTH, ...options });
  return { server, seen };
}

async function connect(server: ControlServer): Promise<{ transport: Transport; output: () => string; closed: () => boolean }> {
  const transport = await server.openTransport();
  let out = '';
  let closed = false;
  transport.onData((chunk) => (out += Buffer.from(chunk).toString('latin1')));
  transport.onClose(() => (closed = true));
  return { transport, output: () => out, closed: () => closed };
}

describe('ControlServer', () => {
  it('frames commands, including multi-line ones with dot-unstuffing, and runs tor’s pre-auth rules', async () => {
    const { server, seen } = makeServer();
    const a = await connect(server);
    a.transport.write('GETINFO version\r\n');
    await settle();
    expect(a.output()).toBe('514 Authentication required.\r\n');
    expect(a.closed()).toBe(true);
    expect(seen).toEqual([]);

    const b = await connect(server);
    b.transport.write('PROTOCOLINFO 1\r\nAUTHENTICATE\r\n+LOADCONF\r\nNickname x\r\n..dotted\r\n.\r\ngetinfo  a b\r\n');
    await settle();
    expect(b.output()).toBe('250-PROTOCOLINFO 1\r\n250-AUTH METHODS=NULL\r\n250-VERSION Tor="0.4.9.11"\r\n250 OK\r\n250 OK\r\n250 OK\r\n250 OK\r\n');
    expect(seen.map((c) => [c.keyword, c.name, c.args])).toEqual([
      ['+LOADCONF', 'LOADCONF', '\nNickname x\n.dotted'],
      ['GETINFO', 'GETINFO', ' a b'],
    ]);
  });

  it('sends events only to authenticated connections subscribed to their type', async () => {
    const { server } = makeServer();
    const subscribed = await connect(server);
    const other = await connect(server);
    subscribed.transport.write('AUTHENTICATE\r\nSETEVENTS NEWCONSENSUS BW\r\n');
    other.transport.write('AUTHENTICATE\r\n');
    await settle();
    expect(server.isSubscribed('BW')).toBe(true);
    expect(server.isSubscribed('CIRC')).toBe(false);
    server.emitEvent('BW 1 2');
    server.emitEvent('CIRC 1 LAUNCHED');
    server.emitDataEvent('NEWCONSENSUS', 'r a\n.hidden');
    await settle();
    expect(subscribed.output()).toBe('250 OK\r\n250 OK\r\n650 BW 1 2\r\n650+NEWCONSENSUS\r\nr a\r\n..hidden\r\n.\r\n650 OK\r\n');
    expect(other.output()).toBe('250 OK\r\n');
    expect(formatDataEvent('NS', '')).toBe('650+NS\r\n.\r\n650 OK\r\n');
  });

  it('drops unsent output on stop(), delivers it with stop({ flush }), and refuses while stopped', async () => {
    const { server } = makeServer({ maxConnections: 2 });
    const a = await connect(server);
    a.transport.write('AUTHENTICATE\r\n');
    server.stop();
    await settle();
    expect(a.output()).toBe('');
    expect(a.closed()).toBe(true);
    await expect(server.openTransport()).rejects.toThrow('nothing is listening on test:9051 (ECONNREFUSED)');
    server.listen();
    const b = await connect(server);
    await connect(server);
    await expect(server.openTransport()).rejects.toThrow(/ECONNREFUSED/);
    b.transport.write('AUTHENTICATE\r\n');
    server.stop({ flush: true });
    await settle();
    expect(b.output()).toBe('250 OK\r\n');
    expect(b.closed()).toBe(true);
  });
});

describe('reply formatting shared by FakeTor and the demo relay', () => {
  it('GETINFO: a failing key wins over unknown ones; unknown keys give only 552 lines', () => {
    const lookup = (k: string) => (k === 'bad' ? { error: '551 Address unknown' } : k === 'ok' ? { value: 'a\n.b' } : undefined);
    expect(formatGetInfoReply(['nope', 'bad'], lookup)).toBe('551 Address unknown\r\n');
    expect(formatGetInfoReply(['ok', 'x', 'y'], lookup)).toBe('552-Unrecognized key "x"\r\n552 Unrecognized key "y"\r\n');
    expect(formatGetInfoReply(['ok'], lookup)).toBe('250+ok=\r\na\r\n..b\r\n.\r\n250 OK\r\n');
    expect(formatGetInfoReply([], lookup)).toBe('250 OK\r\n');
  });

  it('GETCONF values are escaped the way tor escapes them (captured 0.4.9.11 vector)', () => {
    expect(formatConfLines('ContactInfo', ['café "q" back\\slash'])).toEqual(['ContactInfo="caf\\303\\251 \\"q\\" back\\\\slash"']);
    expect(formatConfLines('ContactInfo', ['me "at" example'])).toEqual(['ContactInfo=me "at" example']);
    expect(formatConfLines('ExitPolicy', ['accept *:80', 'reject *:*'])).toEqual(['ExitPolicy=accept *:80', 'ExitPolicy=reject *:*']);
    expect(formatConfLines('Log', null)).toEqual(['Log']);
  });

  it('plans SETCONF/RESETCONF all-or-nothing: LineLists accumulate, bare keys unset, RESETCONF restores defaults', () => {
    const schema = { find: (n: string) => ['Log', 'Nickname'].find((k) => k.toLowerCase() === n.toLowerCase()), defaultOf: () => ['notice stdout'] };
    const plan = planConfChange('SETCONF', 'log="info file /a" LOG="notice file /b" Nickname', schema);
    expect(plan).toEqual({ kind: 'ok', updates: new Map([['Log', ['info file /a', 'notice file /b']], ['Nickname', null]]) });
    expect(planConfChange('RESETCONF', 'Log', schema)).toEqual({ kind: 'ok', updates: new Map([['Log', ['notice stdout']]]) });
    expect(planConfChange('SETCONF', 'Nickname=x Bogus=1', schema)).toMatchObject({
      kind: 'refused',
      reply: "552 Unrecognized option: Unknown option 'Bogus'.  Failing.",
    });
  });
});
