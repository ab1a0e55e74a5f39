// The recorder's splitters find whole replies/events and whole commands however the bytes were cut.
import { describe, expect, it } from 'vitest';
import { CommandSplitter, firstLine, keywordOf, MessageSplitter } from '../../src/record/split.js';
import { seededRandom } from '../helpers/seeded-random.js';

const TOR_STREAM =
  '250-PROTOCOLINFO 1\r\n250-AUTH METHODS=NULL\r\n250-VERSION Tor="0.4.9.11"\r\n250 OK\r\n' +
  '650 BW 10 20\r\n' +
  '250+config-text=\r\nLog notice file x\r\n..dot-stuffed\r\n.\r\n250 OK\r\n' +
  '650+NS\r\nr r1 AAAA BBBB 2038-01-01 00:00:00 127.0.0.1 5010 0\r\ns Exit Running\r\n.\r\n650 OK\r\n' +
  '650-CONF_CHANGED\r\n650-Nickname=x\r\n650 OK\r\n' +
  '552 Unrecognized key "nope"\r\n';

const MESSAGES = [
  '250-PROTOCOLINFO 1\r\n250-AUTH METHODS=NULL\r\n250-VERSION Tor="0.4.9.11"\r\n250 OK\r\n',
  '650 BW 10 20\r\n',
  '250+config-text=\r\nLog notice file x\r\n..dot-stuffed\r\n.\r\n250 OK\r\n',
  '650+NS\r\nr r1 AAAA BBBB 2038-01-01 00:00:00 127.0.0.1 5010 0\r\ns Exit Running\r\n.\r\n650 OK\r\n',
  '650-CONF_CHANGED\r\n650-Nickname=x\r\n650 OK\r\n',
  '552 Unrecognized key "nope"\r\n',
];

function splitInto(text: string, random: () => number): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const n = 1 + Math.floor(random() * 12);
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

describe('MessageSplitter', () => {
  it('finds every reply and event, data blocks included, whole or cut anywhere', () => {
    expect(new MessageSplitter().push(TOR_STREAM)).toEqual(MESSAGES);
    for (let seed = 1; seed <= 50; seed++) {
      const s = new MessageSplitter();
      const got = splitInto(TOR_STREAM, seededRandom(seed)).flatMap((c) => s.push(c));
      expect(got).toEqual(MESSAGES);
      expect(s.rest()).toBe('');
    }
  });

  it('keeps a message cut off by a close as rest()', () => {
    const s = new MessageSplitter();
    expect(s.push('250-version=1\r\n250-uptime=')).toEqual([]);
    expect(s.rest()).toBe('250-version=1\r\n250-uptime=');
  });
});

describe('CommandSplitter', () => {
  it('finds line commands and "+" commands with their data, cut anywhere', () => {
    const commands = ['PROTOCOLINFO 1\r\n', 'GETINFO version\r\n', '+LOADCONF\r\nSocksPort 0\r\n..x\r\n.\r\n', 'SETEVENTS BW\r\n'];
    const all = commands.join('');
    for (let seed = 1; seed <= 30; seed++) {
      const s = new CommandSplitter();
      expect(splitInto(all, seededRandom(seed)).flatMap((c) => s.push(c))).toEqual(commands);
    }
    const s = new CommandSplitter();
    expect(s.push('GETINFO ver')).toEqual([]);
    expect(s.rest()).toBe('GETINFO ver');
  });

  it('names keywords and first lines', () => {
    expect(keywordOf('getinfo version\r\n')).toBe('GETINFO');
    expect(keywordOf('+LOADCONF\r\nx\r\n.\r\n')).toBe('LOADCONF');
    expect(firstLine('250-a\r\n250 OK\r\n')).toBe('250-a');
  });
});
