// Reads an installed man page as text: gunzips .gz (by magic number, not by name). Only reads.
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';

export async function readManualText(path: string): Promise<string> {
  const bytes = await readFile(path);
  const raw = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  if (raw.length >= 3 && raw[0] === 0x42 && raw[1] === 0x5a && raw[2] === 0x68) throw new Error(`${path} is bzip2-compressed; ortop reads plain or gzip man pages`);
  return raw.toString('utf8');
}
