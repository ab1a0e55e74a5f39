// What the interpreter shows: the commands typed, tor's raw replies (status lines and data
// blocks exactly as sent), and the interpreter's own output (/help, /events, /info, notes). Bounded
// by lines; the oldest entries go first. Pure.
import type { Reply } from '../../protocol/reply.js';
import { utf8FromByteString } from '../../protocol/bytes.js';
import { redactReplyForScreen } from './secrets.js';

export type OutputStyle = 'heading' | 'text' | 'key' | 'note' | 'error' | 'data';

export interface OutputLine {
  readonly text: string;
  readonly style: OutputStyle;
  /** Where wrapped continuation lines start (a table's description column); 2 when absent. */
  readonly hang?: number;
}

export type TranscriptEntry =
  | { readonly kind: 'command'; readonly text: string }
  /** One reply line as tor sent it: "250-version=0.4.9.11", "250+config-text=", data lines, ".". */
  | { readonly kind: 'reply'; readonly lines: readonly { readonly code: number; readonly text: string; readonly isData: boolean }[] }
  | { readonly kind: 'output'; readonly lines: readonly OutputLine[] };

export interface Transcript {
  readonly entries: readonly TranscriptEntry[];
  readonly lineCount: number;
}

export const TRANSCRIPT_LINE_LIMIT = 5000;

export const emptyTranscript: Transcript = { entries: [], lineCount: 0 };

const linesOf = (e: TranscriptEntry) => (e.kind === 'command' ? 1 : e.lines.length);

export function appendEntry(transcript: Transcript, entry: TranscriptEntry, limit = TRANSCRIPT_LINE_LIMIT): Transcript {
  const entries = [...transcript.entries, entry];
  let count = transcript.lineCount + linesOf(entry);
  let drop = 0;
  while (count > limit && drop < entries.length - 1) count -= linesOf(entries[drop++]!);
  return { entries: drop > 0 ? entries.slice(drop) : entries, lineCount: count };
}

/** A reply as lines the way tor wrote them (data blocks dot-ended), UTF-8 decoded, secret values masked. */
export function replyEntry(reply: Reply): TranscriptEntry {
  const lines: Array<{ code: number; text: string; isData: boolean }> = [];
  for (const line of redactReplyForScreen(reply).lines) {
    lines.push({ code: line.code, text: `${line.code}${line.separator}${utf8FromByteString(line.text)}`, isData: false });
    if (line.data !== undefined) {
      for (const d of line.data.split('\n')) lines.push({ code: line.code, text: utf8FromByteString(d.startsWith('.') ? `.${d}` : d), isData: true });
      lines.push({ code: line.code, text: '.', isData: true });
    }
  }
  return { kind: 'reply', lines };
}

export const outputEntry = (lines: readonly OutputLine[]): TranscriptEntry => ({ kind: 'output', lines });
export const noteEntry = (text: string, style: OutputStyle = 'note'): TranscriptEntry => ({ kind: 'output', lines: [{ text, style }] });
