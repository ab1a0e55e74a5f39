// Inline roff (man(7) text lines): escapes and font changes → plain text, or → runs of
// text with their font (the option parser needs to know which words are bold). Pure; knows nothing
// about requests (.PP, .RS…) or about tor.
//   roffToText('\\fBControlPort\\fR [\\fIaddress\\fR\\fB:\\fR]port\\&.') === 'ControlPort [address:]port.'

export type RoffFont = 'R' | 'B' | 'I';

export interface RoffRun {
  readonly text: string;
  readonly font: RoffFont;
}

/** \(xx and \[name] special characters man pages use; anything else becomes nothing. */
const SPECIAL_CHARS: Readonly<Record<string, string>> = {
  cq: '\u2019', oq: '\u2018', aq: "'", dq: '"', lq: '\u201c', rq: '\u201d', em: '\u2014', en: '\u2013',
  bu: '\u2022', co: '\u00a9', rg: '\u00ae', tm: '\u2122', hy: '-', mi: '-', pl: '+', mu: '\u00d7',
  '>=': '\u2265', '<=': '\u2264', '->': '\u2192', '<-': '\u2190', '==': '\u2261', '!=': '\u2260',
  ti: '~', ha: '^', sl: '/', rs: '\\', dg: '\u2020', de: '\u00b0', ga: '`', aa: '\u00b4', lB: '[', rB: ']',
  lC: '{', rC: '}', la: '\u27e8', ra: '\u27e9', or: '|', ba: '|', at: '@', sh: '#', Do: '$', eu: '\u20ac',
  Po: '\u00a3', ss: '\u00df', 'e:': '\u00eb', "e'": '\u00e9', 'a:': '\u00e4', 'o:': '\u00f6', 'u:': '\u00fc',
  ul: '_', ru: '_', sq: '\u25a1', fm: '\u2032', sd: '\u2033',
};

/** \*(Aq and friends: the strings the docbook preamble defines. */
const STRINGS: Readonly<Record<string, string>> = { Aq: "'", R: '\u00ae', lq: '\u201c', rq: '\u201d' };

function special(name: string): string {
  if (/^u[0-9A-Fa-f]{4,6}$/.test(name)) {
    const code = Number.parseInt(name.slice(1), 16);
    return code > 0x1f && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  }
  return SPECIAL_CHARS[name] ?? '';
}

function fontOf(name: string): RoffFont | 'previous' {
  switch (name) {
    case 'B':
    case 'CB':
    case '3':
      return 'B';
    case 'I':
    case 'CI':
    case '2':
      return 'I';
    case 'P':
      return 'previous';
    default:
      return 'R';
  }
}

/** Reads a delimited argument (\h'-04', \w'…') and returns the index after it. */
function skipDelimited(text: string, start: number): number {
  const delim = text[start];
  if (delim === undefined) return start;
  const end = text.indexOf(delim, start + 1);
  return end < 0 ? text.length : end + 1;
}

/** A name after \( (two chars), \[ (to ]) or a single char; returns [name, next index]. */
function readName(text: string, i: number): [string, number] {
  const c = text[i];
  if (c === '(') return [text.slice(i + 1, i + 3), i + 3];
  if (c === '[') {
    const end = text.indexOf(']', i + 1);
    return end < 0 ? [text.slice(i + 1), text.length] : [text.slice(i + 1, end), end + 1];
  }
  return [c ?? '', i + 1];
}

/**
 * A text line → font runs. `font` is the font in effect at the start of the line (fonts carry
 * over lines in roff); the returned `font` is the one in effect at its end. `continues` is true
 * when the line ends with \c (joined to the next line without a space).
 */
export function parseRoffRuns(line: string, font: RoffFont = 'R'): { runs: RoffRun[]; font: RoffFont; continues: boolean } {
  const runs: RoffRun[] = [];
  let current = font;
  let previous: RoffFont = 'R';
  let buffer = '';
  let continues = false;
  const flush = () => {
    if (buffer === '') return;
    const last = runs[runs.length - 1];
    if (last !== undefined && last.font === current) runs[runs.length - 1] = { text: last.text + buffer, font: current };
    else runs.push({ text: buffer, font: current });
    buffer = '';
  };
  let i = 0;
  while (i < line.length) {
    const slash = line.indexOf('\\', i);
    if (slash < 0) {
      buffer += line.slice(i);
      break;
    }
    buffer += line.slice(i, slash);
    const c = line[slash + 1];
    i = slash + 2;
    switch (c) {
      case undefined:
        break;
      case 'f': {
        const [name, next] = readName(line, i);
        i = next;
        flush();
        const target = fontOf(name);
        const chosen = target === 'previous' ? previous : target;
        previous = current;
        current = chosen;
        break;
      }
      case '(':
      case '[': {
        const [name, next] = readName(line, i - 1);
        i = next;
        buffer += special(name);
        break;
      }
      case '*': {
        const [name, next] = readName(line, i);
        i = next;
        buffer += STRINGS[name] ?? '';
        break;
      }
      case 'n': {
        const [, next] = readName(line, line[i] === '+' || line[i] === '-' ? i + 1 : i);
        i = next;
        break;
      }
      case 's': {
        if (line[i] === '(' || line[i] === '[') i = readName(line, i)[1];
        else {
          if (line[i] === '+' || line[i] === '-') i++;
          while (i < line.length && /[0-9]/.test(line[i]!)) i++;
        }
        break;
      }
      case 'h':
      case 'v':
      case 'w':
      case 'l':
      case 'L':
      case 'D':
      case 'X':
      case 'o':
      case 'b':
      case 'x':
      case 'Z':
      case 'A':
      case 'C':
      case 'N':
        if (c === 'C' || c === 'N' || line[i] === "'") {
          const next = skipDelimited(line, i);
          // A forward horizontal move (\h'+01') separates words; backward moves and the rest draw nothing.
          if (c === 'h' && /^'\+?0*[1-9]/.test(line.slice(i, next))) buffer += ' ';
          i = next;
        }
        break;
      case 'm':
      case 'M':
      case 'g':
      case 'k':
      case 'F':
      case 'Y':
      case 'V':
        i = readName(line, i)[1];
        break;
      case 'c':
        if (i >= line.length) continues = true;
        break;
      case '-':
        buffer += '-';
        break;
      case 'e':
      case '\\':
        buffer += '\\';
        break;
      case ' ':
      case '~':
      case '0':
      case '_':
        buffer += c === '_' ? '_' : ' ';
        break;
      case '&':
      case '|':
      case '^':
      case '%':
      case ',':
      case '/':
      case ')':
      case '"':
        if (c === '"') i = line.length; // a comment to the end of the line
        break;
      case '{':
      case '}':
        break;
      default:
        buffer += c;
    }
  }
  flush();
  return { runs, font: current, continues };
}

/** Plain text of a roff text line. */
export function roffToText(line: string): string {
  return parseRoffRuns(line).runs.map((r) => r.text).join('');
}
