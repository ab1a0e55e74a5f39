// torrc reading (quotes, comments, continuations, +/ prefixes, %include), include walking,
// visible text, aliases and validation against the running tor.
import { describe, expect, it } from 'vitest';
import {
  collectTorrcValues,
  effectiveEntries,
  includeLines,
  includePatternRegExp,
  parseTorrc,
  resolveOptionAliases,
  validateTorrc,
  visibleText,
  type TorrcDocument,
} from '../../../src/relay/torrc/index.js';

describe('parseTorrc', () => {
  it('reads keys, values, comments, quotes and continuations like tor', () => {
    const text = [
      '# a comment',
      '',
      'Nickname  snowfall   # trailing comment',
      'ContactInfo "caf\\303\\251 \\"op\\" # not a comment"',
      'ExitPolicy accept *:80, \\',
      '# a comment inside the entry',
      '   reject *:*',
      '+SocksPort 9150',
      '/Log',
      'Literal a\\#b',
      '%include /etc/tor/torrc.d/*.conf',
      'Broken "unterminated',
    ].join('\r\n');
    const parsed = parseTorrc(text);
    expect(parsed.lines.map((l) => l.kind)).toEqual(['comment', 'blank', 'option', 'option', 'option', 'comment', 'continuation', 'option', 'option', 'option', 'include', 'option']);
    expect(parsed.entries.map((e) => [e.key, e.op, e.value, e.lineNo, e.lastLineNo])).toEqual([
      ['Nickname', 'set', 'snowfall', 3, 3],
      ['ContactInfo', 'set', 'caf\u00e9 "op" # not a comment', 4, 4],
      ['ExitPolicy', 'set', 'accept *:80, reject *:*', 5, 7],
      ['SocksPort', 'append', '9150', 8, 8],
      ['Log', 'clear', '', 9, 9],
      ['Literal', 'set', 'a#b', 10, 10],
      ['%include', 'set', '/etc/tor/torrc.d/*.conf', 11, 11],
      ['Broken', 'set', '"unterminated', 12, 12],
    ]);
    expect(parsed.lines[2]).toMatchObject({ keyword: { start: 0, end: 8 }, commentAt: 21 });
    expect(parsed.problems).toEqual([{ lineNo: 12, message: 'unterminated or invalid quoted value' }]);
  });

  it('collects values per option as config-text lists them', () => {
    const values = collectTorrcValues(parseTorrc('Log a\nLog b\nNickname x\n/Log\nLog c\n').entries);
    expect(values.get('Log')).toEqual(['c']);
    expect(values.get('Nickname')).toEqual(['x']);
  });
});

describe('visibleText', () => {
  it('shows control characters, escapes and invisible characters instead of passing them on', () => {
    expect(visibleText('a\tb')).toBe('a       b');
    expect(visibleText('x\x1b[31my\x07')).toBe('x\u241b[31my\u2407');
    expect(visibleText('del\x7f c1\x9b')).toBe('del\u2421 c1<9B>');
    expect(visibleText('rtl\u202eevil')).toBe('rtl<U+202E>evil');
    expect(visibleText('emoji \ud83d\ude00')).toBe('emoji <U+1F600>');
    expect(visibleText('plain caf\u00e9')).toBe('plain caf\u00e9');
  });
});

const doc = (files: Record<string, string>, includes: Array<[string, string, number]> = []): TorrcDocument => {
  const paths = Object.keys(files);
  return {
    mainPath: paths[0]!,
    sections: paths.map((path, i) => {
      const inc = includes.find(([child]) => child === path);
      return {
        path,
        parsed: parseTorrc(files[path]!),
        depth: i === 0 ? 0 : 1,
        ...(inc === undefined ? {} : { includedFrom: { section: paths.indexOf(inc[1]), lineNo: inc[2] } }),
      };
    }),
  };
};

describe('includes', () => {
  it("orders entries as tor applies them: an included file's entries stand at its %include", () => {
    const d = doc({ '/etc/torrc': 'A 1\n%include /d\nB 2\n', '/d/1.conf': 'C 3\n', '/d/2.conf': 'D 4\n' }, [
      ['/d/1.conf', '/etc/torrc', 2],
      ['/d/2.conf', '/etc/torrc', 2],
    ]);
    expect(effectiveEntries(d).map((p) => `${p.section}:${p.entry.key}`)).toEqual(['0:A', '1:C', '2:D', '0:B']);
    expect(includeLines(d).map((p) => p.entry.value)).toEqual(['/d']);
  });

  it('matches wildcards the way tor does', () => {
    const re = includePatternRegExp('*.conf');
    expect(re.test('10-relay.conf')).toBe(true);
    expect(re.test('10-relay.conf.bak')).toBe(false);
    expect(includePatternRegExp('torrc-?').test('torrc-1')).toBe(true);
    expect(includePatternRegExp('a\\*b').test('a*b')).toBe(true);
    expect(includePatternRegExp('a\\*b').test('axb')).toBe(false);
  });
});

describe('validation', () => {
  const types = new Map(
    [
      ['Nickname', 'String'],
      ['BandwidthRate', 'DataSize'],
      ['ConnLimit', 'Integer'],
      ['SocksPort', 'Dependent'],
      ['Log', 'LineList'],
      ['ExitRelay', 'Boolean+Auto'],
      ['CookieAuthentication', 'Boolean'],
      ['HiddenServiceDir', 'Dependent'],
    ].map(([name, type]) => [name!.toLowerCase(), { name: name!, type: type! }]),
  );
  const defaults = new Map([
    ['cookieauthentication', ['0']],
    ['exitrelay', ['auto']],
    ['bandwidthrate', ['1 GB']],
  ]);

  it('marks unknown options, old names, duplicates, values tor does not run with and defaults', () => {
    const d = doc(
      {
        '/etc/torrc': ['Nickname first', 'BogusOption 1', 'MaxConn 2000', 'SocksPort 0', 'SocksPort 0', 'Log notice stdout', 'CookieAuthentication 0', '%include /d', 'HiddenServiceDir /x'].join('\n'),
        '/d/bw.conf': 'Nickname second\nBandwidthRate 2 MB\nExitRelay auto\n',
      },
      [['/d/bw.conf', '/etc/torrc', 8]],
    );
    const aliases = resolveOptionAliases(['BogusOption', 'MaxConn'], types);
    expect(aliases).toEqual(new Map([['bogusoption', null], ['maxconn', 'ConnLimit']]));
    const running = new Map<string, string[]>([
      ['nickname', ['second']],
      ['connlimit', ['1000']],
      ['socksport', ['0', '0']],
      ['log', ['notice stdout']],
      ['cookieauthentication', ['0']],
      ['bandwidthrate', ['1048576']],
      ['exitrelay', ['auto']],
      ['hiddenservicedir', ['/elsewhere']],
    ]);
    const marks = validateTorrc(d, { types, aliases, running, defaults });
    const summary = marks.map((m) => `${m.section}:${m.lineNo} ${m.kind}`);
    expect(summary).toEqual([
      '0:1 duplicate',
      '0:2 unknown-option',
      '0:3 abbreviation',
      '0:3 differs',
      '0:5 duplicate',
      '0:7 default',
      '1:2 differs',
      '1:3 default',
    ]);
    const reason = (s: number, l: number, kind: string) => marks.find((m) => m.section === s && m.lineNo === l && m.kind === kind)!.reason;
    expect(reason(0, 1, 'duplicate')).toBe('Nickname is set again at line 1 of /d/bw.conf: this line has no effect');
    expect(reason(0, 2, 'unknown-option')).toMatch(/no option "BogusOption"/);
    expect(reason(0, 3, 'abbreviation')).toBe('old name: tor reads this as ConnLimit');
    expect(reason(0, 3, 'differs')).toMatch(/^tor runs with 1000:/);
    expect(reason(0, 5, 'duplicate')).toBe('same SocksPort line as line 4');
    expect(reason(1, 2, 'differs')).toMatch(/^tor runs with 1 MB:/);
    expect(reason(1, 3, 'default')).toBe("same as tor's default (auto): the line can go");
  });

  it('marks nothing on a clean file and reports syntax problems', () => {
    const clean = doc({ '/t': 'Nickname x\nLog notice stdout\n' });
    expect(validateTorrc(clean, { types, aliases: new Map(), running: new Map([['nickname', ['x']], ['log', ['notice stdout']]]), defaults })).toEqual([]);
    const broken = doc({ '/t': 'Nickname "x\n' });
    expect(validateTorrc(broken, { types, aliases: new Map(), running: new Map(), defaults }).map((m) => m.kind)).toEqual(['syntax']);
  });
});
