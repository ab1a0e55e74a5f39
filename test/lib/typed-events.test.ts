// Typed event listeners: `tor.on('BW', e => e.readBytes)` type-checks without narrowing on `kind`,
// each typed event type yields the interface its parser returns, names in variables still get any
// TorEvent, and errors carry the kinds README promises. The type assertions are checked by
// `tsc -p tsconfig.test.json` (npm test); the runtime part shows the listeners get what the types say.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type {
  BwEvent,
  CircEvent,
  Controller,
  LogEvent,
  StatusEventOf,
  TorControlErrorKind,
  TorEvent,
  TorEventMap,
  TorEventType,
  Reply,
} from '../../src/lib.js';
import { ProtocolError, ReplyError } from '../../src/lib.js';
import { settle } from '../helpers/fake-tor.js';
import { openHarness } from '../controller/harness.js';

describe('typed listeners (types)', () => {
  it('a listener for a parsed type gets its interface, no kind check needed', () => {
    const typesOnly = (tor: Controller) => {
      tor.on('BW', (event, reply) => {
        expectTypeOf(event).toEqualTypeOf<BwEvent>();
        expectTypeOf(event.readBytes).toEqualTypeOf<number>();
        expectTypeOf(reply).toEqualTypeOf<Reply>();
      });
      tor.on('CIRC', (event) => expectTypeOf(event).toEqualTypeOf<CircEvent>());
      tor.on('NOTICE', (event) => expectTypeOf(event.runlevel).toEqualTypeOf<LogEvent['runlevel']>());
      tor.on('STATUS_CLIENT', (event) => expectTypeOf(event).toEqualTypeOf<StatusEventOf<'STATUS_CLIENT'>>());
      // A wider listener is fine; a listener for another type is not.
      tor.on('BW', (event: TorEvent) => event.kind);
      // @ts-expect-error a BW listener does not get circuit events
      tor.on('BW', (event: CircEvent) => event.status);
      // @ts-expect-error a BW event has no message
      tor.on('BW', (event) => event.message);
      // A name in a variable, or one ortop does not parse, gets any TorEvent.
      const name: string = 'BW';
      tor.on(name, (event) => expectTypeOf(event).toEqualTypeOf<TorEvent>());
      tor.on('PT_LOG', (event) => expectTypeOf(event).toEqualTypeOf<TorEvent>());
      const some = 'ORCONN' as 'ORCONN' | 'STREAM';
      tor.on(some, (event) => expectTypeOf(event).toEqualTypeOf<TorEventMap['ORCONN'] | TorEventMap['STREAM']>());
    };
    expect(typeof typesOnly).toBe('function');
  });

  it('the map covers every kind parseEvent produces (except unknown and malformed)', () => {
    expectTypeOf<TorEventMap[TorEventType]['kind']>().toEqualTypeOf<Exclude<TorEvent['kind'], 'unknown' | 'malformed'>>();
  });

  it('errors carry the kinds README names', () => {
    expectTypeOf<'nothing-listening' | 'wrong-password' | 'cookie-unreadable' | 'cookie-wrong-size' | 'password-required'>().toExtend<TorControlErrorKind>();
    expectTypeOf<'protocol-violation' | 'command-refused' | 'no-control-port' | 'timeout'>().toExtend<TorControlErrorKind>();
    expectTypeOf<ProtocolError['kind']>().toEqualTypeOf<'protocol-violation'>();
    expectTypeOf<ReplyError['kind']>().toEqualTypeOf<'command-refused'>();
  });
});

describe('typed listeners (runtime)', () => {
  it('each listener gets the event its type says, parsed once', async () => {
    const { tor, controller } = await openHarness();
    const bw: number[] = [];
    const notices: string[] = [];
    controller.on('BW', (e) => bw.push(e.readBytes, e.writtenBytes));
    controller.on('NOTICE', (e) => notices.push(`${e.runlevel}: ${e.message}`));
    await controller.syncEvents();
    tor.emitEvent('BW 10 20');
    tor.emitEvent('NOTICE Bootstrapped 100%');
    await settle();
    expect(bw).toEqual([10, 20]);
    expect(notices).toEqual(['NOTICE: Bootstrapped 100%']);
  });

  it('ProtocolError and ReplyError have their kind at run time too', () => {
    expect(new ProtocolError('bad').kind).toBe('protocol-violation');
    expect(new ReplyError('GETCONF', 552, 'Unrecognized configuration key "x"').kind).toBe('command-refused');
  });
});
