// Fuzz targets: every parser that sees bytes from tor (or from a file tor or a stranger wrote),
// with the exceptions each is allowed to throw. Shared by the seeded test and `npm run fuzz`.
import { parseConfig } from '../../src/config/index.js';
import {
  decodeQuoted,
  Framer,
  parseAuthChallenge,
  parseEvent,
  parseGetConf,
  parseGetInfo,
  parseProtocolInfo,
  ProtocolError,
  ReplyError,
  tokenize,
  type Reply,
} from '../../src/protocol/index.js';
import {
  parseExitPolicy,
  parseMicrodescriptors,
  parseRouterStatusEntriesLenient,
  parseServerDescriptors,
} from '../../src/protocol/documents/index.js';
import { parseBootstrapPhase, parseListeners, patchFromHeaderInfo } from '../../src/relay/index.js';
import { parseMemTotal, parseProcStat, parseProcStatus } from '../../src/system/index.js';

export interface FuzzTarget {
  readonly name: string;
  /** Runs one input; must only throw the allowed errors. */
  run(input: Buffer): void;
}

const ALLOWED = (e: unknown) => e instanceof ProtocolError || e instanceof ReplyError;

function allowing(run: (input: Buffer) => void): (input: Buffer) => void {
  return (input) => {
    try {
      run(input);
    } catch (e) {
      if (!ALLOWED(e)) throw e;
    }
  };
}

/** Frames the input (as tor's stream) and hands every reply to `each`; the framer itself never throws. */
function framed(input: Buffer, each: (reply: Reply) => void): void {
  const framer = new Framer({ maxMessageBytes: 1 << 20 });
  for (const out of framer.push(input)) if (out.kind === 'reply') each(out.reply);
  if (framer.bufferedBytes > (1 << 20) + 64) throw new Error(`framer holds ${framer.bufferedBytes} bytes`);
}

const latin1 = (b: Buffer) => b.toString('latin1');

export const TARGETS: readonly FuzzTarget[] = [
  {
    name: 'framer (chunked)',
    run(input) {
      const framer = new Framer({ maxMessageBytes: 64 * 1024 });
      for (let i = 0; i < input.length; i += 7) framer.push(input.subarray(i, i + 7));
      if (framer.bufferedBytes > 64 * 1024 + 64) throw new Error(`framer holds ${framer.bufferedBytes} bytes`);
    },
  },
  { name: 'parseEvent', run: (input) => framed(input, (r) => void parseEvent(r)) },
  { name: 'GETINFO reply', run: allowing((input) => framed(input, (r) => void parseGetInfo(r))) },
  { name: 'GETCONF reply', run: allowing((input) => framed(input, (r) => void parseGetConf(r))) },
  { name: 'PROTOCOLINFO reply', run: allowing((input) => framed(input, (r) => void parseProtocolInfo(r))) },
  { name: 'AUTHCHALLENGE reply', run: allowing((input) => framed(input, (r) => void parseAuthChallenge(r))) },
  { name: 'tokenize', run: allowing((input) => void tokenize(latin1(input))) },
  { name: 'decodeQuoted', run: allowing((input) => void decodeQuoted(`"${latin1(input)}`, 0)) },
  { name: 'router status entries', run: (input) => void parseRouterStatusEntriesLenient(latin1(input)) },
  { name: 'server descriptors', run: allowing((input) => void parseServerDescriptors(latin1(input))) },
  { name: 'microdescriptors', run: allowing((input) => void parseMicrodescriptors(latin1(input))) },
  { name: 'exit policy', run: allowing((input) => void parseExitPolicy(latin1(input))) },
  {
    name: 'header GETINFO values',
    run(input) {
      const text = input.toString('utf8');
      parseListeners(text);
      parseBootstrapPhase(text);
      patchFromHeaderInfo(new Map([['net/listeners/or', text], ['uptime', text], ['version', text], ['status/bootstrap-phase', text]]), 0);
    },
  },
  { name: 'config file', run: (input) => void parseConfig(input.toString('utf8')) },
  {
    name: '/proc files',
    run(input) {
      const text = input.toString('utf8');
      parseProcStat(text);
      parseProcStatus(text);
      parseMemTotal(text);
    },
  },
];
