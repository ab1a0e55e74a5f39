// Helpers: tor's event lines (as captured, CRLF added here) → typed events.
import { parseEvent, type TorEvent } from '../../../src/protocol/events/index.js';
import { replyOf } from '../../helpers/feed.js';

export function ev(line: string): TorEvent {
  return parseEvent(replyOf(`${line}\r\n`));
}

export const FP_A0 = '69338954452B516B5BF88A24E1E81F203881B6F7';
export const FP_R1 = '6257306CB798C2E3FFDE47520B4820F8E7234B9E';
export const FP_R2 = 'A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2';
export const FP_R3 = 'C5F33457E9CEAFCA9D245C361B01F62967BDCC98';

/** ns/all text for the loopback test network (a0, r1, r2, r3) with ORPort/DirPort as captured. */
export const NS_ALL = [
  'r a0 aTOJVEUrUWtb+Iok4egfIDiBtvc Ryl8wS1dUkLdkZgpGLuO2zU2LDE 2038-01-01 00:00:00 127.0.0.1 5000 5001',
  's Authority Exit Fast Guard HSDir Running Stable V2Dir Valid',
  'w Bandwidth=158',
  'r r1 YlcwbLeYwuP/3kdSC0gg+OcjS54 NtQZ55vQpuw3yiNCi4xOrSqr5WQ 2038-01-01 00:00:00 127.0.0.1 5010 0',
  's Exit Fast Guard HSDir Running Stable V2Dir Valid',
  'w Bandwidth=0',
  'r r2 pqaQTgm1y+3atBypK4ytlQbQE9I X/Z3y7ldFYi3+cX6zIGsq6d4XdE 2038-01-01 00:00:00 127.0.0.1 5020 0',
  's Fast Guard Running Stable Valid',
  'r r3 xfM0V+nOr8qdJFw2GwH2KWe9zJg X/Z3y7ldFYi3+cX6zIGsq6d4XdE 2038-01-01 00:00:00 127.0.0.2 5030 0',
  's Fast Running Stable Valid',
].join('\n');
