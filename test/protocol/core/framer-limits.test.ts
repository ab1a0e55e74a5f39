// Framer limits: bounded memory (maxMessageBytes), oversized messages dropped with one error while
// the next message survives, and linear work on long lines and big data blocks (counted, not timed).
import { describe, expect, it } from 'vitest';
import { Framer, type FramerOutput } from '../../../src/protocol/index.js';
import { errorsOf, feedAllWaysWith, feedChunks, repliesIn, summary } from './fixture.js';

const OK = '250 OK\r\n';

describe('Framer: maxMessageBytes', () => {
  it('accepts a message of exactly maxMessageBytes (line ends counted) and rejects one byte more', () => {
    expect(summary(OK, { maxMessageBytes: 8 })).toEqual(['250 OK']);
    expect(summary(`${OK}250 NO\r\n`, { maxMessageBytes: 7 })).toEqual(['error', 'error']);
    const message = '250-a=1\r\n250+b=\r\nxy\r\n.\r\n250 OK\r\n';
    expect(summary(message, { maxMessageBytes: message.length })).toEqual(['250 OK']);
    expect(summary(message + OK, { maxMessageBytes: message.length - 1 })).toEqual(['error', '250 OK']);
  });

  it('drops an oversized single line with one error; the next message is intact', () => {
    const big = `250-big=${'y'.repeat(5000)}\r\n250 OK\r\n`;
    const out = feedAllWaysWith(`${big}250-version=0.4.9.11\r\n${OK}`, { maxMessageBytes: 1000 });
    expect(errorsOf(out)).toEqual(['message larger than 1000 bytes; dropped']);
    expect(repliesIn(out)).toEqual([
      {
        code: 250,
        lines: [
          { code: 250, separator: '-', text: 'version=0.4.9.11' },
          { code: 250, separator: ' ', text: 'OK' },
        ],
      },
    ]);
  });

  it('drops a message made of many small lines once their sum is too big', () => {
    const many = `${'250-k=0123456789\r\n'.repeat(200)}${OK}`;
    expect(summary(`${many}650 BW 1 2\r\n`, { maxMessageBytes: 1000 })).toEqual(['error', '650 BW 1 2']);
  });

  it('keeps tracking an oversized data block, so payload that looks like an end line stays payload', () => {
    const block = `250+ns/all=\r\n${'r relay x\r\n'.repeat(300)}250 OK\r\n650 BW 9 9\r\n..\r\n.\r\n250 OK\r\n`;
    expect(summary(`${block}650 BW 1 2\r\n`, { maxMessageBytes: 1000 })).toEqual(['error', '650 BW 1 2']);
  });

  it('drops a block whose single data line is oversized and frames what follows', () => {
    const block = `650+NS\r\n${'z'.repeat(4000)}\r\n250 OK\r\n.\r\n650 OK\r\n`;
    expect(summary(`${block}${OK}`, { maxMessageBytes: 1000 })).toEqual(['error', '250 OK']);
  });

  it('reports garbage without any LF once, keeps bufferedBytes bounded, and recovers at the next line', () => {
    const max = 1024;
    const framer = new Framer({ maxMessageBytes: max });
    const out: FramerOutput[] = [];
    let peak = 0;
    const junk = Buffer.alloc(1000, 0x78);
    for (let i = 0; i < 1000; i++) {
      out.push(...framer.push(junk));
      peak = Math.max(peak, framer.bufferedBytes);
    }
    expect(errorsOf(out)).toEqual(['message larger than 1024 bytes; dropped']);
    expect(peak).toBeLessThanOrEqual(max);
    expect(framer.bufferedBytes).toBeLessThanOrEqual(64);
    expect(framer.idle).toBe(false);
    const after = framer.push(Buffer.from(`\r\n${OK}`));
    expect(after).toEqual([{ kind: 'reply', reply: { code: 250, lines: [{ code: 250, separator: ' ', text: 'OK' }] } }]);
    expect(framer.idle).toBe(true);
    expect(framer.bufferedBytes).toBe(0);
  });

  it('gives the same outputs for garbage without LF however it is split', () => {
    expect(summary(`${'x'.repeat(5000)}\r\n${OK}`, { maxMessageBytes: 1000 })).toEqual(['error', '250 OK']);
    expect(summary(`${'x'.repeat(5000)}\n${OK}`, { maxMessageBytes: 1000 })).toEqual(['error', '250 OK']);
  });

  it('keeps bufferedBytes within maxMessageBytes while a big valid message arrives in pieces', () => {
    const max = 64 * 1024;
    const message = `250+config-text=\r\n${'ControlPort 9051\r\n'.repeat(3000)}.\r\n${OK}`;
    expect(message.length).toBeLessThan(max);
    const framer = new Framer({ maxMessageBytes: max });
    let peak = 0;
    let replies = 0;
    for (let i = 0; i < message.length; i += 7) {
      replies += repliesIn(framer.push(Buffer.from(message.slice(i, i + 7), 'latin1'))).length;
      peak = Math.max(peak, framer.bufferedBytes);
    }
    expect(replies).toBe(1);
    expect(peak).toBeGreaterThan(40_000);
    expect(peak).toBeLessThanOrEqual(max);
    expect(framer.bufferedBytes).toBe(0);
  });

  it('refuses a maxMessageBytes that is not a positive integer', () => {
    expect(() => new Framer({ maxMessageBytes: 0 })).toThrow(RangeError);
    expect(() => new Framer({ maxMessageBytes: 1.5 })).toThrow(RangeError);
    expect(() => new Framer({ maxMessageBytes: Number.NaN })).toThrow(RangeError);
  });
});

describe('Framer: linear work', () => {
  const entry = 'r relay1 AAAAAAAAAAAAAAAAAAAAAAAAAAA 2026-11-27 09:45:38 10.0.0.1 9001 0';
  function dataBlock(bytes: number): Buffer {
    return Buffer.from(`250+ns/all=\r\n${`${entry}\r\n`.repeat(Math.ceil(bytes / (entry.length + 2)))}.\r\n${OK}`, 'latin1');
  }

  it('copies nothing when whole lines arrive in one chunk', () => {
    const input = dataBlock(1024 * 1024);
    const { out, framer } = feedChunks(input, () => input.length);
    expect(repliesIn(out)).toHaveLength(1);
    expect(framer.bytesCopied).toBe(0);
  });

  it('handles a 5 MB data block in 1-byte chunks with each byte copied about once', () => {
    const input = dataBlock(5 * 1024 * 1024);
    const { out, framer } = feedChunks(input, () => 1);
    const replies = repliesIn(out);
    expect(replies).toHaveLength(1);
    const entries = Math.ceil((5 * 1024 * 1024) / (entry.length + 2));
    expect(replies[0]!.lines[0]!.data).toBe(Array.from({ length: entries }, () => entry).join('\n'));
    // Quadratic re-copying of the carried partial line would be ~70x the input on these lines.
    expect(framer.bytesCopied).toBeLessThanOrEqual(2 * input.length);
  });

  it('copies a 1 MB single line fed byte by byte O(n) times, not O(n^2)', () => {
    const n = 1024 * 1024;
    const input = Buffer.from(`250-k=${'v'.repeat(n)}\r\n${OK}`, 'latin1');
    const { out, framer } = feedChunks(input, () => 1);
    expect(repliesIn(out)[0]!.lines[0]!.text.length).toBe(n + 2);
    // A carry-and-concat framer copies ~n^2/2 = 5.5e11 bytes here.
    expect(framer.bytesCopied).toBeLessThanOrEqual(3 * input.length);
  });

  it('does work proportional to input size: doubling the input at most doubles the copies', () => {
    const copies = (bytes: number): number => {
      const input = Buffer.from(`250-k=${'v'.repeat(bytes)}\r\n${OK}`, 'latin1');
      return feedChunks(input, () => 3).framer.bytesCopied;
    };
    const small = copies(200_000);
    const large = copies(400_000);
    expect(large / small).toBeLessThan(2.5);
  });

  it('frames a 5 MB single line in 1-byte chunks well within a generous time bound', () => {
    const n = 5 * 1024 * 1024;
    const input = Buffer.from(`650 ${'w'.repeat(n)}\r\n`, 'latin1');
    const started = performance.now();
    const { out } = feedChunks(input, () => 1);
    const elapsedMs = performance.now() - started;
    expect(repliesIn(out)[0]!.lines[0]!.text.length).toBe(n);
    expect(elapsedMs).toBeLessThan(15_000);
  }, 30_000);
});
