// The recording on disk: a sink that appends each line synchronously (a crash loses nothing already
// seen; the file is created 0600 because a session shows relay details), and the reader for replays.
// The only file I/O of src/record.

import { closeSync, openSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseRecording, RecordingFormatError, type Recording } from './format.js';
import type { RecordSink } from './recorder.js';

/** Creates (or truncates) `path`; throws with the path in the message if it cannot. */
export function openRecordFile(path: string): RecordSink {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'w', 0o600);
  } catch (e) {
    throw new Error(`cannot write the recording to ${path}: ${(e as Error).message}`);
  }
  return {
    writeLine(line) {
      if (fd !== undefined) writeSync(fd, `${line}\n`);
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

export async function readRecordingFile(path: string): Promise<Recording> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the recording ${path}: ${(e as Error).message}`);
  }
  try {
    return parseRecording(text);
  } catch (e) {
    if (e instanceof RecordingFormatError) throw new RecordingFormatError(`${path}: ${e.message}`);
    throw e;
  }
}
