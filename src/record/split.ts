// Splits the two directions of a control connection into whole units for the recorder: tor's byte
// stream into messages (one reply or one event), ortop's into commands. Sans-IO and lenient: it never
// throws and never parses meaning, it only finds where each unit ends. Input is latin1 byte strings.
//
//   tor → ortop (control-spec §2.3, §2.4):
//     Reply         = *(MidReplyLine / DataReplyLine) EndReplyLine
//     DataReplyLine = StatusCode "+" ReplyLine CmdData      ; CmdData ends with "." CRLF
//     EndReplyLine  = StatusCode SP ReplyLine
//   ortop → tor (control-spec §2.2):
//     Command = Keyword OptArguments CRLF / "+" Keyword OptArguments CRLF CmdData

/**
 * Cuts a byte stream into lines and lines into units; subclasses say which line ends a unit.
 * Scans with an index, so a chunk of many lines costs linear time.
 */
abstract class LineUnitSplitter {
  private pending = '';
  private unit = '';
  protected inData = false;

  /** Feeds bytes; returns the units they completed, each with its line ends, exactly as received. */
  push(bytes: string): string[] {
    const out: string[] = [];
    const text = this.pending + bytes;
    let from = 0;
    for (let lf = text.indexOf('\n', from); lf >= 0; lf = text.indexOf('\n', from)) {
      const line = text.slice(from, lf + 1);
      from = lf + 1;
      const first = this.unit === '';
      this.unit += line;
      if (this.endsUnit(line.replace(/\r?\n$/, ''), first)) {
        out.push(this.unit);
        this.unit = '';
      }
    }
    this.pending = text.slice(from);
    return out;
  }

  /** Whatever was received but not completed (a connection cut mid-unit). */
  rest(): string {
    return this.unit + this.pending;
  }

  /** True when this line (without its line end) completes the current unit. */
  protected abstract endsUnit(body: string, firstLineOfUnit: boolean): boolean;
}

/** Groups tor's bytes into complete messages (one reply or one event). */
export class MessageSplitter extends LineUnitSplitter {
  protected endsUnit(body: string): boolean {
    if (this.inData) {
      if (body === '.') this.inData = false;
      return false;
    }
    const sep = body.charAt(3);
    if (sep === '+') {
      this.inData = true;
      return false;
    }
    // An end line, or a line that is not framed at all: either way the unit ends here.
    return sep !== '-';
  }
}

/** Groups ortop's bytes into complete commands (a line, or a "+" command through its "." line). */
export class CommandSplitter extends LineUnitSplitter {
  protected endsUnit(body: string, firstLineOfUnit: boolean): boolean {
    if (this.inData) {
      if (body !== '.') return false;
      this.inData = false;
      return true;
    }
    if (firstLineOfUnit && body.startsWith('+')) {
      this.inData = true;
      return false;
    }
    return true;
  }
}

/** The command's keyword, upper-cased ("GETINFO" for "getinfo version", "LOADCONF" for "+LOADCONF"). */
export function keywordOf(command: string): string {
  return (/^\+?([^\s]*)/.exec(command)?.[1] ?? '').toUpperCase();
}

/** The first line of a command or message without its line end. */
export function firstLine(text: string): string {
  const lf = text.indexOf('\n');
  return (lf < 0 ? text : text.slice(0, lf)).replace(/\r$/, '');
}
