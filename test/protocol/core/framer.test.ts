// Framer: reply lines, data blocks, events between replies, malformed input and resynchronisation.
// Every input is fed whole, byte by byte and at seeded random splits (feedAllWays) and must agree.
import { describe, expect, it } from 'vitest';
import { Framer, bytesFromByteString, utf8FromByteString } from '../../../src/protocol/index.js';
import { crlf, feedAllWays, repliesOf, replyOf } from '../../helpers/feed.js';
import { errorsOf, fixture, fixtureReply, repliesIn, summary } from './fixture.js';

describe('Framer: reply lines', () => {
  it('frames a minimal single-line reply', () => {
    expect(replyOf('250 OK\r\n')).toEqual({ code: 250, lines: [{ code: 250, separator: ' ', text: 'OK' }] });
  });

  it('frames 250- / 250+ (with data) / 250 lines in order', () => {
    const reply = fixtureReply('getinfo-version-config-text.txt');
    expect(reply.code).toBe(250);
    expect(reply.lines.map((l) => [l.code, l.separator, l.text])).toEqual([
      [250, '-', 'version=0.2.3.11-alpha-dev (git-ef0bc7f8f26a917c)'],
      [250, '+', 'config-text='],
      [250, ' ', 'OK'],
    ]);
    expect(reply.lines[0]!.data).toBeUndefined();
    expect(reply.lines[1]!.data).toBe(
      'ControlPort 9051\nDataDirectory /home/atagar/.tor\nExitPolicy reject *:*\nLog notice stdout\nNickname Unnamed\nORPort 9050',
    );
  });

  it('keeps "250 " with empty text as an end line with text ""', () => {
    expect(replyOf('250 \r\n')).toEqual({ code: 250, lines: [{ code: 250, separator: ' ', text: '' }] });
  });

  it('frames mixed codes in one message and takes the final line as the status (MAPADDRESS)', () => {
    const replies = repliesOf(fixture('mapaddress-mixed.txt'));
    expect(replies.map((r) => [r.code, r.lines.map((l) => l.code)])).toEqual([
      [512, [250, 250, 512]],
      [250, [512, 512, 250]],
    ]);
    expect(replies[0]!.lines[2]!.text).toBe("syntax error: invalid address '@@@'");
  });

  it('frames nonsense codes without crashing (Stem vector "123-FOO / 532 BAR")', () => {
    expect(fixtureReply('nonsense-codes.txt')).toEqual({
      code: 532,
      lines: [
        { code: 123, separator: '-', text: 'FOO' },
        { code: 532, separator: ' ', text: 'BAR' },
      ],
    });
  });

  it('keeps a CR that is not followed by LF as a byte of the line', () => {
    expect(replyOf('250 a\rb\r\n').lines[0]!.text).toBe('a\rb');
    expect(replyOf('250 ab\r\r\n').lines[0]!.text).toBe('ab\r');
  });

  it('waits for the LF after a final CR', () => {
    const framer = new Framer();
    expect(framer.push(Buffer.from('250 OK\r'))).toEqual([]);
    expect(framer.idle).toBe(false);
    expect(framer.push(Buffer.from('\n'))).toEqual([{ kind: 'reply', reply: { code: 250, lines: [{ code: 250, separator: ' ', text: 'OK' }] } }]);
    expect(framer.idle).toBe(true);
  });

  it('accepts any Uint8Array, not only Buffers', () => {
    const bytes = new TextEncoder().encode('xx250 OK\r\nyy').subarray(2, 10);
    expect(new Framer().push(bytes)).toEqual([{ kind: 'reply', reply: { code: 250, lines: [{ code: 250, separator: ' ', text: 'OK' }] } }]);
  });

  it('frames a 1 MB single line', () => {
    const value = 'a'.repeat(1024 * 1024);
    const reply = replyOf(`250-big=${value}\r\n250 OK\r\n`);
    expect(reply.lines[0]!.text).toBe(`big=${value}`);
    expect(reply.lines[1]!.text).toBe('OK');
  });

  it('does not share line arrays between replies', () => {
    const [a, b] = repliesOf('250-a=1\r\n250 OK\r\n250-b=2\r\n250 OK\r\n');
    expect(a!.lines).not.toBe(b!.lines);
    expect(a!.lines[0]!.text).toBe('a=1');
    expect(b!.lines[0]!.text).toBe('b=2');
  });
});

describe('Framer: data blocks', () => {
  it('decodes a data block followed by more lines (captured exit-policy reply)', () => {
    const reply = fixtureReply('getinfo-exit-policy.txt');
    expect(reply.lines).toEqual([
      { code: 250, separator: '+', text: 'exit-policy/ipv4=', data: 'accept 127.0.0.0/8:*\nreject *:*' },
      { code: 250, separator: '-', text: 'exit-policy/ipv6=reject6 *:*' },
      { code: 250, separator: ' ', text: 'OK' },
    ]);
  });

  it('dot-unstuffs, and treats lines that look like replies or events as payload', () => {
    const reply = fixtureReply('getinfo-dot-stuffed.txt');
    expect(reply.lines[0]!.data).toBe('.hidden\n..\n.\n250 OK\n650 BW 1 2\n');
    expect(reply.lines.slice(1)).toEqual([
      { code: 250, separator: '-', text: 'after=1' },
      { code: 250, separator: ' ', text: 'OK' },
    ]);
  });

  it('strips only the first dot and does not end the block on "." followed by other text', () => {
    const reply = replyOf('250+k=\r\n.a\r\n. \r\n.\t\r\n....\r\n.\r\n250 OK\r\n');
    expect(reply.lines[0]!.data).toBe('a\n \n\t\n...');
  });

  it('decodes an empty data block (one empty line, then ".") to ""', () => {
    const reply = fixtureReply('event-hs-desc-content-empty.txt');
    expect(reply.code).toBe(650);
    expect(reply.lines[0]).toEqual({
      code: 650,
      separator: '+',
      text: 'HS_DESC_CONTENT 3g2upl4pq6kufc4n 255tjwttk3wi7r2df57nuprs72j2daa3 $D7A0C3262724F2BC9646F6836E967A2777A3AF83~tsunaminitor',
      data: '',
    });
    expect(reply.lines[1]).toEqual({ code: 650, separator: ' ', text: 'OK' });
  });

  it('decodes a data block with no lines at all to "" too', () => {
    expect(replyOf('250+k=\r\n.\r\n250 OK\r\n').lines[0]!.data).toBe('');
  });

  it('keeps trailing empty payload lines as "\\n"', () => {
    expect(replyOf('250+k=\r\na\r\n\r\n.\r\n250 OK\r\n').lines[0]!.data).toBe('a\n');
    expect(replyOf('250+k=\r\n\r\n\r\n.\r\n250 OK\r\n').lines[0]!.data).toBe('\n');
  });

  it('frames "650+NS" followed by "650 OK" as one event', () => {
    const reply = replyOf('650+NS\r\nr a b\r\ns Fast\r\n.\r\n650 OK\r\n');
    expect(reply).toEqual({
      code: 650,
      lines: [
        { code: 650, separator: '+', text: 'NS', data: 'r a b\ns Fast' },
        { code: 650, separator: ' ', text: 'OK' },
      ],
    });
  });

  it('waits when the stream ends right after a "+" line, then completes', () => {
    const framer = new Framer();
    expect(framer.push(Buffer.from('250+config-text=\r\n'))).toEqual([]);
    expect(framer.idle).toBe(false);
    expect(framer.push(Buffer.from('.\r\n'))).toEqual([]);
    expect(framer.idle).toBe(false);
    const out = framer.push(Buffer.from('250 OK\r\n'));
    expect(repliesIn(out)[0]!.lines[0]).toEqual({ code: 250, separator: '+', text: 'config-text=', data: '' });
    expect(framer.idle).toBe(true);
  });

  it('keeps non-UTF-8 bytes in data blocks as bytes', () => {
    const data = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0d, 0x0a, 0xff, 0x00]);
    const input = Buffer.concat([Buffer.from('250+k=\r\n'), data, Buffer.from('\r\n.\r\n250 OK\r\n')]);
    const value = replyOf(input).lines[0]!.data!;
    expect(Buffer.from(bytesFromByteString(value))).toEqual(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a, 0xff, 0x00]));
  });
});

describe('Framer: events between replies', () => {
  it('frames events before, between and after replies, each as its own message', () => {
    const replies = repliesOf(fixture('events-interleaved.txt'));
    expect(replies.map((r) => `${r.code} ${r.lines[0]!.text.split(' ')[0]}`)).toEqual([
      '650 BW',
      '250 OK',
      '650 CONF_CHANGED',
      '650 NS',
      '650 CIRC',
      '250 version=0.4.9.11',
    ]);
    expect(replies[2]!.lines.map((l) => l.text)).toEqual(['CONF_CHANGED', 'ContactInfo=Research Team <nobody AT example dot invalid>', 'ExitPolicy', 'OK']);
    expect(replies[3]!.lines[0]!.data).toBe(
      'r moria1 lpXfw1/+uGEym58asExGOXAgzjE 2026-11-27 09:45:38 128.31.0.34 9101 9131\ns Authority Fast Running Stable V2Dir Valid\nw Bandwidth=20',
    );
  });
});

describe('Framer: bytes, not text', () => {
  it('keeps non-UTF-8 bytes of a log line; U+FFFD appears only when decoding for display', () => {
    const input = fixture('event-warn-raw-bytes.bin');
    const reply = replyOf(input);
    const text = reply.lines[0]!.text;
    expect(text).toBe("WARN Controller gave us config lines that didn't validate: Unable to parse \u00e9\u00ff\u0001x as a number");
    expect(Buffer.from(bytesFromByteString(text))).toEqual(input.subarray(4, input.length - 2));
    expect(text).not.toContain('\ufffd');
    expect(utf8FromByteString(text)).toBe("WARN Controller gave us config lines that didn't validate: Unable to parse \ufffd\ufffd\u0001x as a number");
  });

  it('decodes valid UTF-8 for display unchanged', () => {
    const text = replyOf(Buffer.from('650 NOTICE caf\u00e9 \u6587\r\n', 'utf8')).lines[0]!.text;
    expect(text).toBe('NOTICE caf\u00c3\u00a9 \u00e6\u0096\u0087');
    expect(utf8FromByteString(text)).toBe('NOTICE caf\u00e9 \u6587');
  });
});

describe('Framer: line ends', () => {
  const infoNames = fixture('getinfo-info-names.txt').toString('latin1');
  const crlfOffsets = [...infoNames.matchAll(/\r\n/g)].map((m) => m.index);

  it('the Stem data-block vector has 9 CRLFs to break', () => {
    expect(crlfOffsets).toHaveLength(9);
    expect(replyOf(infoNames).lines[0]!.data!.split('\n')).toHaveLength(6);
  });

  it.each(crlfOffsets.map((at, i) => [i, at]))('rejects the reply when CRLF #%i is a bare LF, with one error', (_i, at) => {
    const broken = `${infoNames.slice(0, at)}\n${infoNames.slice(at + 2)}`;
    const out = feedAllWays(`${broken}250 OK\r\n`);
    expect(errorsOf(out)).toHaveLength(1);
    expect(errorsOf(out)[0]).toMatch(/does not end with CRLF/);
    // The broken reply is consumed whole; the next one comes out intact.
    expect(repliesIn(out)).toEqual([{ code: 250, lines: [{ code: 250, separator: ' ', text: 'OK' }] }]);
  });

  it('rejects a bare LF on a single-line reply and on an empty line', () => {
    expect(summary('250 OK\n250 OK\r\n')).toEqual(['error', '250 OK']);
    expect(summary('\n250 OK\r\n')).toEqual(['error', '250 OK']);
    expect(summary('\r\n250 OK\r\n')).toEqual(['error', '250 OK']);
  });

  it('drops a whole multi-line message with a bare LF in its middle, data block included', () => {
    expect(summary('250-a=1\n250+b=\r\n250 OK\r\n.\r\n250 OK\r\n650 BW 1 2\r\n')).toEqual(['error', '650 BW 1 2']);
  });
});

describe('Framer: malformed prefixes and resynchronisation', () => {
  const bw = '650 BW 32326 2856\r\n';
  const variants: string[] = [];
  for (let i = 0; i < 4; i++) {
    variants.push(bw.slice(0, i) + bw.slice(i + 1));
    variants.push(`${bw.slice(0, i)}#${bw.slice(i + 1)}`);
  }

  it.each(variants)('rejects %j and still frames the next reply', (bad) => {
    const out = feedAllWays(`${bad}250 OK\r\n`);
    expect(errorsOf(out)).toHaveLength(1);
    expect(errorsOf(out)[0]).toMatch(/^malformed reply line: "/);
    expect(repliesIn(out)).toEqual([{ code: 250, lines: [{ code: 250, separator: ' ', text: 'OK' }] }]);
  });

  it('rejects short or non-numeric prefixes', () => {
    for (const bad of ['250\r\n', '25 OK\r\n', '2500OK\r\n', 'x50 OK\r\n', '.\r\n', '250*OK\r\n', ' 250 OK\r\n']) {
      expect(summary(bad + bw), bad).toEqual(['error', '650 BW 32326 2856']);
    }
  });

  it('resynchronises after garbage, including binary garbage', () => {
    const garbage = Buffer.from([0x00, 0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a, 0x0d, 0x0a, 0x47, 0x45, 0x54, 0x20, 0x2f, 0x0d, 0x0a]);
    const input = Buffer.concat([garbage, Buffer.from('250 OK\r\n')]);
    expect(summary(input)).toEqual(['error', 'error', '250 OK']);
  });

  it('drops the partial message before a malformed line and frames what follows', () => {
    const out = feedAllWays('250-a=1\r\nxyz\r\n250-b=2\r\n250 OK\r\n');
    expect(errorsOf(out)).toEqual(['malformed reply line: "xyz"']);
    expect(repliesIn(out)).toEqual([
      {
        code: 250,
        lines: [
          { code: 250, separator: '-', text: 'b=2' },
          { code: 250, separator: ' ', text: 'OK' },
        ],
      },
    ]);
  });

  it('previews long malformed lines in the error, clipped', () => {
    const out = feedAllWays(`${'z'.repeat(500)}\r\n`);
    expect(errorsOf(out)).toEqual([`malformed reply line: "${'z'.repeat(60)}…"`]);
  });
});

describe('Framer: idle', () => {
  it('is idle only at a message boundary', () => {
    const framer = new Framer();
    const states: boolean[] = [framer.idle];
    for (const part of ['250', '-a=1\r\n', '250+b=\r\n', 'x\r\n', '.\r\n', '250 OK\r\n']) {
      framer.push(Buffer.from(part));
      states.push(framer.idle);
    }
    expect(states).toEqual([true, false, false, false, false, false, true]);
  });

  it('is not idle while the rest of a broken message is being dropped', () => {
    const framer = new Framer();
    expect(errorsOf(framer.push(Buffer.from('250-a\n')))).toHaveLength(1);
    expect(framer.idle).toBe(false);
    expect(framer.push(Buffer.from('250 OK\r\n'))).toEqual([]);
    expect(framer.idle).toBe(true);
  });

  it('is idle again after a malformed line', () => {
    const framer = new Framer();
    framer.push(Buffer.from(crlf('junk\n')));
    expect(framer.idle).toBe(true);
  });
});
