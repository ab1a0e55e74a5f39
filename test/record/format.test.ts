// The recording format: ASCII-only lines that round-trip every byte, a versioned header, and errors
// that name the line.
import { describe, expect, it } from 'vitest';
import { formatRecordingLine, parseRecording, RecordingFormatError, type RecordingEntry } from '../../src/record/format.js';

const HEADER = formatRecordingLine({ format: 'ortop-control-recording', version: 1, startedAt: '2026-11-27T12:00:00.000Z', ortop: '0.1.0', target: '127.0.0.1:9051' });

describe('recording format', () => {
  it('writes plain ASCII and reads back every byte value', () => {
    const bytes = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');
    const entry: RecordingEntry = { kind: 'received', ms: 5, session: 1, data: `650 NOTICE ${bytes}\r\n` };
    const line = formatRecordingLine(entry);
    expect(line).toMatch(/^[\x20-\x7e]*$/);
    expect(line).toContain('\\u00e9');
    const parsed = parseRecording(`${HEADER}\n${line}\n`);
    expect(parsed.entries).toEqual([entry]);
    expect(parsed.header.target).toBe('127.0.0.1:9051');
  });

  it('keeps entries of every kind, in order, and ignores unknown fields', () => {
    const text = [
      HEADER,
      '{"kind":"open","ms":0,"session":1,"address":"127.0.0.1:9051","future":true}',
      '{"kind":"sent","ms":1,"session":1,"data":"AUTHENTICATE [REDACTED]\\r\\n","redacted":["AUTHENTICATE credential"]}',
      '{"kind":"close","ms":9,"session":1,"by":"tor","reason":"reset"}',
      '',
    ].join('\n');
    expect(parseRecording(text).entries.map((e) => e.kind)).toEqual(['open', 'sent', 'close']);
    expect(parseRecording(text).entries[1]).toMatchObject({ redacted: ['AUTHENTICATE credential'] });
  });

  it('refuses what is not a recording, another version, bad lines and time going backwards', () => {
    expect(() => parseRecording('')).toThrow(RecordingFormatError);
    expect(() => parseRecording('{"hello":1}')).toThrow(/not an ortop recording/);
    expect(() => parseRecording(HEADER.replace('"version":1', '"version":2'))).toThrow(/version 2; this ortop reads version 1/);
    expect(() => parseRecording(`${HEADER}\nnot json`)).toThrow(/line 2: not JSON/);
    expect(() => parseRecording(`${HEADER}\n{"kind":"sent","ms":1,"session":1}`)).toThrow(/line 2: "data" must be a string/);
    expect(() => parseRecording(`${HEADER}\n{"kind":"sent","ms":1,"session":1,"data":"\\u0100"}`)).toThrow(/must hold bytes/);
    expect(() => parseRecording(`${HEADER}\n{"kind":"open","ms":5,"session":1}\n{"kind":"close","ms":4,"session":1}`)).toThrow(/line 3: time goes backwards/);
    expect(() => parseRecording(`${HEADER}\n{"kind":"dance","ms":5,"session":1}`)).toThrow(/unknown entry kind "dance"/);
  });
});
