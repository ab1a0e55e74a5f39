// The recording on disk: a sink that appends each line synchronously (a crash loses nothing already
// seen; the file is new, 0600, never an existing file or a symlink's target — create-private-file.ts),
// and the reader for replays (bounded; every failure a message naming the file). The only file I/O of src/record.

import { closeSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { parseRecording, RecordingFormatError, type Recording } from './format.js';
import type { RecordSink } from './recorder.js';
import { createPrivateFileSync, FileTargetError } from '../system/create-private-file.js';

/** Node's longest string is about 512 MiB; a recording is read whole, so this is the most it can be. */
export const RECORDING_MAX_BYTES = 500 * 1024 * 1024;

export interface RecordFileOptions {
  /** Called once if a write fails (disk full); recording then stops and ortop goes on unrecorded. */
  readonly onError?: (message: string) => void;
  /** Writes a line (tests inject ENOSPC). */
  readonly write?: (fd: number, text: string) => void;
}

/**
 * Creates `path` (0600); throws with the path in the message if it cannot. Anything already there —
 * a file, a symlink (dangling or not), a directory — is refused, never truncated or followed.
 */
export function openRecordFile(path: string, options: RecordFileOptions = {}): RecordSink {
  let fd: number | undefined;
  try {
    fd = createPrivateFileSync(path);
  } catch (e) {
    if (e instanceof FileTargetError) throw new Error(`--record ${path}: ${path} exists; choose a new name or remove it`);
    throw new Error(`cannot write the recording to ${path}: ${(e as Error).message}`);
  }
  const write = options.write ?? ((f: number, text: string) => void writeSync(f, text));
  const close = () => {
    const open = fd;
    fd = undefined;
    if (open === undefined) return;
    try {
      closeSync(open);
    } catch {
      // Nothing more can be done for a recording whose close fails; ortop itself goes on.
    }
  };
  return {
    writeLine(line) {
      if (fd === undefined) return;
      try {
        write(fd, `${line}\n`);
      } catch (e) {
        // Called from the transport's data path: a throw here would take the connection down with it.
        close();
        options.onError?.(`could not write the recording to ${path}: ${(e as Error).message}; recording stopped`);
      }
    },
    close,
  };
}

export async function readRecordingFile(path: string): Promise<Recording> {
  let text: string;
  try {
    text = await readWhole(path);
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

async function readWhole(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new Error('it is a directory');
    if (info.isFile() && info.size > RECORDING_MAX_BYTES) {
      throw new Error(`it is ${Math.round(info.size / 1024 / 1024)} MiB; ortop replays recordings up to ${RECORDING_MAX_BYTES / 1024 / 1024} MiB`);
    }
    // Not only regular files: `--replay <(zcat rec.gz)` is a pipe.
    return await handle.readFile('utf8');
  } finally {
    await handle.close().catch(() => {});
  }
}
