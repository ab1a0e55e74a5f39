// Tokenizer for "positional args, then KEY=VALUE" lines (control-spec §4.1): the captured STREAM
// line with CString credentials, '=' inside values, empty values, positional '=' and quoted tokens.
import { describe, expect, it } from 'vitest';
import { ProtocolError, splitArgs, tokenize, utf8FromByteString } from '../../../src/protocol/index.js';
import { fixtureReply } from './fixture.js';

const BS = '\\';

describe('tokenize', () => {
  it('splits the captured STREAM event and CString-decodes the SOCKS credentials', () => {
    const text = fixtureReply('event-stream-socks.txt').lines[0]!.text;
    const tokens = tokenize(text);
    const { positional, keywords } = splitArgs(tokens);
    expect(positional).toEqual(['STREAM', '181', 'NEW', '0', '127.0.0.1:5080']);
    expect([...keywords.keys()]).toEqual([
      'SOURCE_ADDR',
      'PURPOSE',
      'SOCKS_USERNAME',
      'SOCKS_PASSWORD',
      'CLIENT_PROTOCOL',
      'NYM_EPOCH',
      'SESSION_GROUP',
      'ISO_FIELDS',
    ]);
    expect(keywords.get('SOCKS_USERNAME')).toBe("o'brien x\\y");
    expect(keywords.get('SOCKS_PASSWORD')).toBe('pa"ss\xc3\xa9=1');
    expect(utf8FromByteString(keywords.get('SOCKS_PASSWORD')!)).toBe('pa"ss\u00e9=1');
    expect(keywords.get('SESSION_GROUP')).toBe('-6');
    expect(keywords.get('ISO_FIELDS')).toBe('SOCKS_USERNAME,SOCKS_PASSWORD,CLIENTADDR,SESSION_GROUP,NYM_EPOCH');
    const user = tokens.find((t) => t.key === 'SOCKS_USERNAME')!;
    expect(user.quoted).toBe(true);
    expect(user.raw).toBe(String.raw`SOCKS_USERNAME="o\'brien x\\y"`);
  });

  it('keeps "=" inside values and allows empty values', () => {
    const { keywords } = splitArgs(tokenize('TimeStarted="1970-01-01 00:00:00" CountrySummary= IPVersions=v4=0,v6=0'));
    expect(Object.fromEntries(keywords)).toEqual({
      TimeStarted: '1970-01-01 00:00:00',
      CountrySummary: '',
      IPVersions: 'v4=0,v6=0',
    });
  });

  it('gives bare keywords as positional tokens', () => {
    expect(tokenize('ExitPolicy')).toEqual([{ key: undefined, value: 'ExitPolicy', quoted: false, raw: 'ExitPolicy' }]);
  });

  it('keeps "$FP=nick" path elements positional, with their raw form', () => {
    const tokens = tokenize(
      'CIRC 7 EXTENDED $999A226EBED397F331B612FE1E4CFAE5C1F201BA=piyaz BUILD_FLAGS=NEED_CAPACITY PURPOSE=GENERAL TIME_CREATED=2012-11-08T16:48:38.417238',
    );
    expect(tokens[3]).toEqual({
      key: undefined,
      value: '$999A226EBED397F331B612FE1E4CFAE5C1F201BA=piyaz',
      quoted: false,
      raw: '$999A226EBED397F331B612FE1E4CFAE5C1F201BA=piyaz',
    });
    expect(tokens.slice(4).map((t) => t.key)).toEqual(['BUILD_FLAGS', 'PURPOSE', 'TIME_CREATED']);
  });

  it('reads a quoted positional argument with a space (ADDRMAP expiry)', () => {
    const { positional, keywords } = splitArgs(
      tokenize('ADDRMAP www.atagar.com 75.119.206.243 "2012-11-19 00:50:13" EXPIRES="2012-11-19 08:50:13"'),
    );
    expect(positional).toEqual(['ADDRMAP', 'www.atagar.com', '75.119.206.243', '2012-11-19 00:50:13']);
    expect(keywords.get('EXPIRES')).toBe('2012-11-19 08:50:13');
  });

  it('splits the unknown-event vector into positional and keyword arguments', () => {
    const { positional, keywords } = splitArgs(tokenize('NONE SOLID "NON SENSE" condition=MEH quoted="1 2 3"'));
    expect(positional).toEqual(['NONE', 'SOLID', 'NON SENSE']);
    expect(Object.fromEntries(keywords)).toEqual({ condition: 'MEH', quoted: '1 2 3' });
  });

  it('does not mis-split a quoted value containing \'" X="\'', () => {
    const { keywords } = splitArgs(tokenize(`A="x${BS}" X=" B=1 SUMMARY="a X=b" C=2`));
    expect(Object.fromEntries(keywords)).toEqual({ A: 'x" X=', B: '1', SUMMARY: 'a X=b', C: '2' });
  });

  it('ends a quoted value at "\\\\" followed by a quote (KEY="C:\\\\" NEXT=1)', () => {
    const { keywords } = splitArgs(tokenize(`KEY="C:${BS}${BS}" NEXT=1`));
    expect(Object.fromEntries(keywords)).toEqual({ KEY: 'C:\\', NEXT: '1' });
  });

  it('skips runs of spaces and starts at the given offset', () => {
    expect(tokenize('  a   b=1  ').map((t) => t.raw)).toEqual(['a', 'b=1']);
    expect(tokenize('AUTHCHALLENGE SERVERHASH=AB', 'AUTHCHALLENGE '.length).map((t) => [t.key, t.value])).toEqual([['SERVERHASH', 'AB']]);
    expect(tokenize('')).toEqual([]);
  });

  it('treats only [A-Za-z0-9_]+ before "=" as a key', () => {
    expect(tokenize('foo-bar=1 _x9=2').map((t) => [t.key, t.value])).toEqual([
      [undefined, 'foo-bar=1'],
      ['_x9', '2'],
    ]);
    expect(tokenize('=v')[0]).toEqual({ key: undefined, value: '=v', quoted: false, raw: '=v' });
  });

  it('lets later keys win in splitArgs', () => {
    expect(splitArgs(tokenize('K=1 K=2')).keywords.get('K')).toBe('2');
  });

  it('throws ProtocolError for stray or unbalanced quotes', () => {
    const bad = [
      'ADDRMAP www.atagar.com 75.119.206.243 2012-11-19 00:50:13" EXPIRES="2012-11-19 08:50:13"',
      'ADDRMAP www.atagar.com 75.119.206.243 "2012-11-19 00:50:13 EXPIRES=2012-11-19',
      'KEY=ab"c',
      'KEY="a"b',
      'x"y',
      '"a"b',
      'KEY="unterminated',
    ];
    for (const line of bad) expect(() => tokenize(line), line).toThrow(ProtocolError);
    expect(() => tokenize('KEY=ab"c')).toThrow(/stray quote in value of KEY/);
    expect(() => tokenize('x"y')).toThrow(/stray quote in argument/);
  });
});
