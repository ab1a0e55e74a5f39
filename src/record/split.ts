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

/** Groups tor's bytes into complete messages, each with its line ends, exactly as received. */
export class MessageSplitter {
  private pending = '';
  private message = '';
  private inData = false;

  /** Feeds bytes; returns the messages they completed. */
  push(bytes: string): string[] {
    const out: string[] = [];
    this.pending += bytes;
    for (;;) {
      const lf = this.pending.indexOf('\n');
      if (lf < 0) break;
      const line = this.pending.slice(0, lf + 1);
      this.pending = this.pending.slice(lf + 1);
      this.message += line;
      const body = line.replace(/\r?\n$/, '');
      if (this.inData) {
        if (body === '.') this.inData = false;
        continue;
      }
      const sep = body.charAt(3);
      if (sep === '+') this.inData = true;
      else if (sep !== '-') {
        // An end line, or a line that is not framed at all: either way the unit ends here.
        out.push(this.message);
        this.message = '';
      }
    }
    return out;
  }

  /** Whatever was received but not completed (a connection cut mid-message). */
  rest(): string {
    return this.message + this.pending;
  }
}

/** Groups ortop's bytes into complete commands (a line, or a "+" command through its "." line). */
export class CommandSplitter {
  private pending = '';
  private command = '';
  private inData = false;

  push(bytes: string): string[] {
    const out: string[] = [];
    this.pending += bytes;
    for (;;) {
      const lf = this.pending.indexOf('\n');
      if (lf < 0) break;
      const line = this.pending.slice(0, lf + 1);
      this.pending = this.pending.slice(lf + 1);
      this.command += line;
      const body = line.replace(/\r?\n$/, '');
      if (this.inData) {
        if (body === '.') this.inData = false;
        else continue;
      } else if (this.command === line && body.startsWith('+')) {
        this.inData = true;
        continue;
      }
      out.push(this.command);
      this.command = '';
    }
    return out;
  }

  rest(): string {
    return this.command + this.pending;
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
