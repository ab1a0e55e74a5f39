// The interpreter's pure parts: what a typed line becomes, secrets kept out of history, completion,
// the recent-events ring, the raw transcript, /help and /info from tor's documents.
import { describe, expect, it } from 'vitest';
import {
  addToHistory,
  appendEntry,
  classifyInfoTarget,
  completeInput,
  EventRing,
  EVENT_RING_LIMIT,
  emptyTranscript,
  findRelaysByAddress,
  formatHistoryFile,
  formatRelayInfo,
  helpLines,
  parseInfoDescriptions,
  SLASH_COMMANDS,
  type HelpKeys,
  isSecretCommand,
  parseHistoryFile,
  parseInfoNames,
  planCommand,
  redactCommand,
  replyEntry,
  TOR_COMMANDS,
  type CompletionVocabulary,
} from '../../../src/relay/interpreter/index.js';

describe('planCommand', () => {
  it('sends ordinary commands with the keyword upper-cased and arguments kept', () => {
    expect(planCommand('getinfo version ns/id/ABC')).toEqual({ kind: 'send', line: 'GETINFO version ns/id/ABC' });
    expect(planCommand('  ')).toEqual({ kind: 'empty' });
    expect(planCommand('/help GETINFO')).toEqual({ kind: 'slash', command: 'help', args: ['GETINFO'] });
    expect(planCommand('/Events BW CIRC')).toEqual({ kind: 'slash', command: 'events', args: ['BW', 'CIRC'] });
    expect(planCommand('/python')).toEqual({ kind: 'unknown-slash', name: 'python' });
  });

  it('refuses what would cut ortop off or hand tor over, and multi-line commands', () => {
    for (const line of ['QUIT', 'quit', 'TAKEOWNERSHIP', 'LOADCONF', '+LOADCONF', '+POSTDESCRIPTOR purpose=general', 'AUTHENTICATE "x"', 'AUTHCHALLENGE SAFECOOKIE 00', '+HSPOST']) {
      const plan = planCommand(line);
      expect(plan.kind, line).toBe('refuse');
    }
    expect(planCommand('+HSPOST').kind === 'refuse' && planCommand('+HSPOST')).toMatchObject({ reason: expect.stringMatching(/multi-line/) });
    expect(planCommand('QUIT')).toMatchObject({ reason: expect.stringMatching(/\/quit/) });
  });

  it('asks first for commands that stop tor or can close the control port', () => {
    for (const line of ['SIGNAL HALT', 'signal shutdown', 'SIGNAL TERM', 'SIGNAL INT', 'SETCONF ControlPort=9052', 'RESETCONF __OwningControllerProcess', 'SETCONF DisableNetwork=1', 'SAVECONF FORCE', 'DROPGUARDS']) {
      expect(planCommand(line).kind, line).toBe('confirm');
    }
    expect(planCommand('SIGNAL NEWNYM').kind).toBe('send');
    expect(planCommand('SETCONF ContactInfo="ControlPort fan"').kind).toBe('send');
  });
});

describe('secrets and history', () => {
  it('recognises lines that carry secrets', () => {
    for (const line of [
      'AUTHENTICATE 68656c6c6f',
      'authchallenge SAFECOOKIE 00',
      'SETCONF HashedControlPassword=16:ABC',
      'setconf hashedcontrolpassword=16:ABC',
      'SETCONF Socks5ProxyPassword=hunter2',
      'ADD_ONION ED25519-V3:base64key Port=80',
      'ONION_CLIENT_AUTH_ADD abc x25519:key',
      'GETCONF __HashedControlSessionPassword',
    ]) {
      expect(isSecretCommand(line), line).toBe(true);
    }
    for (const line of ['GETINFO version', 'ADD_ONION NEW:ED25519-V3 Port=80', 'SETCONF ContactInfo=x']) expect(isSecretCommand(line), line).toBe(false);
    expect(redactCommand('AUTHENTICATE 1234')).toBe('AUTHENTICATE <hidden: this command carries a secret>');
    expect(redactCommand('GETINFO version')).toBe('GETINFO version');
  });

  it('keeps history bounded, without repeats, blanks or secrets', () => {
    let history: readonly string[] = [];
    for (const line of ['GETINFO version', 'GETINFO version', '', 'AUTHENTICATE "pw"', 'SETCONF HashedControlPassword=16:AB', 'GETCONF Log']) history = addToHistory(history, line);
    expect(history).toEqual(['GETINFO version', 'GETCONF Log']);
    for (let i = 0; i < 150; i++) history = addToHistory(history, `GETINFO n${i}`);
    expect(history).toHaveLength(100);
    expect(history[99]).toBe('GETINFO n149');
  });

  it('reads and writes the history file, dropping secrets a hand edit put there', () => {
    expect(parseHistoryFile('GETINFO a\nAUTHENTICATE "pw"\n\nGETINFO b\n')).toEqual(['GETINFO a', 'GETINFO b']);
    expect(formatHistoryFile(['GETINFO a', 'AUTHENTICATE x'])).toBe('GETINFO a\n');
    expect(formatHistoryFile([])).toBe('');
  });
});

const VOCAB: CompletionVocabulary = {
  commands: TOR_COMMANDS,
  infoKeys: parseInfoNames('version -- The current version of Tor.\nns/id/* -- Brief summary of router status by ID.\nns/name/* -- By nickname.\nnetwork-liveness -- Up or down?\n'),
  options: ['Nickname', 'NumCPUs', 'ContactInfo'],
  events: ['BW', 'CIRC', 'CIRC_BW', 'CIRC_MINOR'],
  signals: ['RELOAD', 'NEWNYM', 'HEARTBEAT'],
  features: ['VERBOSE_NAMES'],
};

describe('completion', () => {
  it('completes commands, then arguments by command', () => {
    expect(completeInput('geti', VOCAB)).toEqual({ text: 'GETINFO ', candidates: ['GETINFO'] });
    expect(completeInput('GET', VOCAB)).toEqual({ text: 'GET', candidates: ['GETCONF', 'GETINFO'] });
    expect(completeInput('GETINFO ns/', VOCAB)).toEqual({ text: 'GETINFO ns/', candidates: ['ns/id/', 'ns/name/'] });
    expect(completeInput('GETINFO ns/i', VOCAB)).toEqual({ text: 'GETINFO ns/id/', candidates: ['ns/id/'] });
    expect(completeInput('GETINFO net', VOCAB).text).toBe('GETINFO network-liveness ');
    expect(completeInput('setconf nick', VOCAB).text).toBe('setconf Nickname=');
    expect(completeInput('GETCONF n', VOCAB)).toEqual({ text: 'GETCONF N', candidates: ['Nickname', 'NumCPUs'] });
    expect(completeInput('SETEVENTS CIRC', VOCAB).candidates).toEqual(['CIRC', 'CIRC_BW', 'CIRC_MINOR']);
    expect(completeInput('SIGNAL newn', VOCAB).text).toBe('SIGNAL NEWNYM ');
    expect(completeInput('/ev', VOCAB).text).toBe('/events ');
    expect(completeInput('/help geti', VOCAB).text).toBe('/help GETINFO ');
    expect(completeInput('SETCONF Nickname=x', VOCAB)).toEqual({ text: 'SETCONF Nickname=x', candidates: [] });
  });
});

describe('events ring and transcript', () => {
  it('keeps a ring per type: a BW flood never evicts the CIRC events', () => {
    const ring = new EventRing();
    ring.push(0, 'CIRC', ['650 CIRC 1 LAUNCHED']);
    ring.push(1, 'CIRC', ['650 CIRC 1 BUILT']);
    for (let i = 0; i < 10_000; i++) ring.push(2 + i, 'BW', [`650 BW ${i} ${i}`]);
    expect(ring.list(['CIRC']).map((e) => e.lines[0])).toEqual(['650 CIRC 1 LAUNCHED', '650 CIRC 1 BUILT']);
    expect(ring.list(['BW'])).toHaveLength(EVENT_RING_LIMIT);
    expect(ring.list(['BW']).at(-1)!.lines[0]).toBe('650 BW 9999 9999');
    expect(ring.size).toBe(EVENT_RING_LIMIT + 2);
    expect(ring.list().slice(0, 3).map((e) => e.type)).toEqual(['CIRC', 'CIRC', 'BW']);
  });

  it('bounds the number of types (the longest-quiet goes) and the characters kept (the fullest type gives way)', () => {
    const types = new EventRing(10, 3);
    types.push(0, 'A', ['a']);
    types.push(1, 'B', ['b']);
    types.push(2, 'A', ['a2']);
    types.push(3, 'C', ['c']);
    types.push(4, 'D', ['d']);
    expect(types.list().map((e) => e.type)).toEqual(['A', 'A', 'C', 'D']);
    const chars = new EventRing(1000, 10, 10_000);
    chars.push(0, 'CIRC', ['650 CIRC 7 BUILT']);
    for (let i = 0; i < 500; i++) chars.push(1 + i, 'NS', ['x'.repeat(1000)]);
    expect(chars.list(['CIRC'])).toHaveLength(1);
    expect(chars.list(['NS']).length).toBeLessThanOrEqual(10);
    const big = new EventRing();
    big.push(0, 'NEWCONSENSUS', { code: 650, lines: [{ code: 650, separator: '+', text: 'NEWCONSENSUS', data: 'r x\n'.repeat(1_000_000) }, { code: 650, separator: ' ', text: 'OK' }] });
    expect(big.list()[0]!.lines.join('').length).toBeLessThan(5000);
  });

  it('keeps the newest events up to its limit and filters by type', () => {
    const ring = new EventRing(2);
    for (let i = 0; i < 5; i++) ring.push(i, i % 2 === 0 ? 'BW' : 'CIRC', [`650 event ${i}`]);
    expect(ring.list().map((e) => e.atMs)).toEqual([1, 2, 3, 4]);
    expect(ring.dropped).toBe(1);
    expect(ring.list(['bw']).map((e) => e.atMs)).toEqual([2, 4]);
    expect(ring.list(['CIRC', 'bw', 'circ']).map((e) => e.atMs)).toEqual([1, 2, 3, 4]);
    ring.clear();
    expect(ring.list()).toEqual([]);
    const huge = new EventRing();
    huge.push(0, 'NS', Array.from({ length: 100 }, () => 'x'.repeat(100)));
    expect(huge.list()[0]!.lines.length).toBeLessThan(50);
    const fromReply = new EventRing();
    fromReply.push(5, 'BW', { code: 650, lines: [{ code: 650, separator: ' ', text: 'BW 1 2' }] });
    expect(fromReply.list()).toEqual([{ atMs: 5, type: 'BW', lines: ['650 BW 1 2'] }]);
  });

  it('shows replies the way tor sent them, data blocks dot-ended and dot-stuffed', () => {
    const entry = replyEntry({
      code: 250,
      lines: [
        { code: 250, separator: '+', text: 'config-text=', data: 'Nickname x\n.hidden\nContactInfo caf\u00c3\u00a9' },
        { code: 250, separator: ' ', text: 'OK' },
      ],
    });
    expect(entry.kind === 'reply' && entry.lines.map((l) => l.text)).toEqual(['250+config-text=', 'Nickname x', '..hidden', 'ContactInfo caf\u00e9', '.', '250 OK']);
    let t = emptyTranscript;
    for (let i = 0; i < 30; i++) t = appendEntry(t, { kind: 'command', text: `c${i}` }, 10);
    expect(t.lineCount).toBe(10);
    expect(t.entries[0]).toEqual({ kind: 'command', text: 'c20' });
  });

  it('has help for the interpreter and for tor commands', () => {
    expect(helpLines(undefined)[0]!.text).toBe('Interpreter commands:');
    expect(helpLines('getinfo')[0]).toEqual({ text: 'GETINFO key [key…]', style: 'key' });
    expect(helpLines('/events')[0]!.text).toBe('/events [TYPE…]');
    expect(helpLines('NOPE')[0]!.style).toBe('error');
    expect(helpLines('constructor')[0]!.style).toBe('error');
  });

  it('/help: one line per interpreter command and per tor command', () => {
    const text = helpLines(undefined).map((l) => l.text);
    for (const slash of SLASH_COMMANDS) expect(text.filter((t) => t.trimStart().startsWith(`${slash} `) || t.trim() === slash)).toHaveLength(1);
    for (const command of TOR_COMMANDS) {
      const line = text.filter((t) => t.trimStart().split(' ')[0] === command);
      expect(line, command).toHaveLength(1);
      expect(line[0]!.trim().length, command).toBeGreaterThan(command.length + 5);
    }
  });

  it('/help COMMAND: usage, purpose and the keys tor offers (info/names, config/names, events/names, signal/names)', () => {
    const keys: HelpKeys = {
      info: parseInfoDescriptions('version -- The current version of tor.\nns/id/* -- Brief summary of router status by ID (v2 directory format).\nbogus-line'),
      options: ['Nickname', 'ContactInfo', 'ORPort'],
      events: ['CIRC', 'BW', 'NEWTHING'],
      signals: ['RELOAD', 'NEWNYM', 'FUTURESIG'],
      features: ['VERBOSE_NAMES'],
    };
    const text = (topic: string) => helpLines(topic, keys).map((l) => l.text);
    expect(text('GETINFO')).toContain('  version                          The current version of tor.');
    expect(text('getinfo').some((t) => t.startsWith('  ns/id/*') && t.includes('Brief summary of router status'))).toBe(true);
    expect(text('GETINFO').some((t) => t.trim() === 'bogus-line')).toBe(true);
    expect(text('GETCONF').at(-1)).toBe('  Nickname  ContactInfo  ORPort');
    expect(text('SETCONF')[0]).toBe('SETCONF option=value [option=value…]');
    expect(text('SETEVENTS').find((t) => t.trimStart().startsWith('CIRC '))).toMatch(/circuit changed status/);
    expect(text('SETEVENTS')).toContain('  NEWTHING');
    expect(text('SIGNAL').find((t) => t.trimStart().startsWith('NEWNYM'))).toMatch(/new circuits/);
    expect(text('SIGNAL')).toContain('  FUTURESIG');
    expect(text('USEFEATURE')).toContain('  VERBOSE_NAMES');
    expect(text('CLOSECIRCUIT')).toEqual(['CLOSECIRCUIT id [IfUnused]', 'Closes a circuit.']);
    expect(helpLines('GETINFO').at(-1)).toEqual({ text: expect.stringContaining('not read yet'), style: 'note' });
  });
});

const FP = 'A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2';
const STATUS = 'r snowfall pqaQTgm1y+3atBypK4ytlQbQE9I X/Z3y7ldFYi3+cX6zIGsq6d4XdE 2038-01-01 00:00:00 198.51.100.7 9001 9030\na [2001:db8::7]:9001\ns Fast Guard Running Stable V2Dir Valid\nv Tor 0.4.9.11\nw Bandwidth=1234\np reject 1-65535';

describe('/info', () => {
  it('tells fingerprints, nicknames and addresses apart', () => {
    expect(classifyInfoTarget(`$${FP.toLowerCase()}~snowfall`)).toEqual({ kind: 'fingerprint', fingerprint: FP });
    expect(classifyInfoTarget('snowfall')).toEqual({ kind: 'nickname', nickname: 'snowfall' });
    expect(classifyInfoTarget('198.51.100.7:9001')).toEqual({ kind: 'address', address: '198.51.100.7' });
    expect(classifyInfoTarget('[2001:db8::7]:9001')).toEqual({ kind: 'address', address: '2001:db8::7' });
    expect(classifyInfoTarget('not a relay!').kind).toBe('invalid');
    expect(classifyInfoTarget('').kind).toBe('invalid');
  });

  it('finds relays by address in ns/all and summarises what tor has', () => {
    expect(findRelaysByAddress(STATUS, '198.51.100.7').map((e) => e.fingerprint)).toEqual([FP]);
    expect(findRelaysByAddress(STATUS, '2001:db8::7')).toHaveLength(1);
    expect(findRelaysByAddress(STATUS, '203.0.113.1')).toEqual([]);
    const lines = formatRelayInfo({ status: STATUS, notes: ['desc/id/X: 552 We fetch microdescriptors'] }).map((l) => l.text);
    expect(lines).toContain('Nickname:    snowfall');
    expect(lines).toContain(`Fingerprint: ${FP}`);
    expect(lines).toContain('Address:     198.51.100.7:9001 (dir 9030), [2001:db8::7]:9001');
    expect(lines).toContain('Flags:       Fast Guard Running Stable V2Dir Valid');
    expect(lines).toContain('Exit policy: reject 1-65535');
    expect(lines).toContain('desc/id/X: 552 We fetch microdescriptors');
    expect(lines).toContain('Router status entry (ns):');
    expect(formatRelayInfo({ notes: [] })[0]!.text).toMatch(/no consensus entry/);
  });
});
