// --record with several relays writes one file per relay, named after it beside the file given.
import { describe, expect, it } from 'vitest';
import { recordPathFor, recordPathsFor } from '../../src/app/shell/record-paths.js';

describe('recording paths per relay', () => {
  it('puts the relay name before the extension, or after a name without one', () => {
    expect(recordPathFor('session.jsonl', 'exit1')).toBe('session.exit1.jsonl');
    expect(recordPathFor('/tmp/rec/session.jsonl', '127.0.0.1:9051')).toBe('/tmp/rec/session.127.0.0.1_9051.jsonl');
    expect(recordPathFor('/tmp/my.dir/session', 'exit1')).toBe('/tmp/my.dir/session.exit1');
    expect(recordPathFor('.hidden', 'a')).toBe('.hidden.a');
  });

  it('never lets a name climb out of the directory or hide', () => {
    expect(recordPathFor('/r/s.jsonl', '../../etc/passwd')).toBe('/r/s.etc_passwd.jsonl');
    expect(recordPathFor('/r/s.jsonl', '/run/tor/control')).toBe('/r/s.run_tor_control.jsonl');
    expect(recordPathFor('/r/s.jsonl', '...')).toBe('/r/s.relay.jsonl');
  });

  it('gives a relay named twice its own file', () => {
    expect(recordPathsFor('s.jsonl', ['127.0.0.1:9051', '127.0.0.1:9051', 'x'])).toEqual(['s.127.0.0.1_9051.jsonl', 's.127.0.0.1_9051-2.jsonl', 's.x.jsonl']);
  });
});
