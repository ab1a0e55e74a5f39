// Fetches what the detail box and descriptor popup show about one relay: GETINFO ns/id/<fp>,
// desc/id/<fp> and md/id/<fp>, each allowed to fail on its own (microdescriptor clients get 552
// for desc/id; relays that fetch full descriptors may have no microdescriptor).
// Keeps the last few answers (capped); asks again after a new consensus.
import type { Controller } from '../../controller/index.js';
import { parseRouterStatusEntriesLenient, parseServerDescriptor, ProtocolError, ReplyError } from '../../protocol/index.js';
import type { RelayDetails } from '../../relay/connections/index.js';

export const DETAILS_CAP = 64;

export class RelayDetailsCache {
  private readonly entries = new Map<string, RelayDetails>();

  constructor(
    private readonly controller: Controller,
    private readonly onChange: () => void,
  ) {}

  /** What is known about fp; starts asking tor when nothing is. */
  get(fingerprint: string): RelayDetails {
    const fp = fingerprint.toUpperCase();
    const known = this.entries.get(fp);
    if (known !== undefined) {
      this.entries.delete(fp);
      this.entries.set(fp, known);
      return known;
    }
    const loading: RelayDetails = { kind: 'loading', fingerprint: fp };
    this.put(fp, loading);
    void this.fetch(fp).then((details) => {
      if (this.entries.get(fp) !== loading) return;
      this.put(fp, details);
      this.onChange();
    });
    return loading;
  }

  clear(): void {
    this.entries.clear();
  }

  private put(fp: string, details: RelayDetails): void {
    this.entries.delete(fp);
    while (this.entries.size >= DETAILS_CAP) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(fp, details);
  }

  private async fetch(fp: string): Promise<RelayDetails> {
    const c = this.controller;
    const micro = this.fetchMicrodescriptor(fp);
    const statusText = await c.getInfoOne(`ns/id/${fp}`).catch(() => undefined);
    let descriptorText: string | undefined;
    let descriptorNote: string | undefined;
    try {
      descriptorText = await c.getInfoOne(`desc/id/${fp}`);
      if (descriptorText.trim() === '') {
        descriptorText = undefined;
        descriptorNote = 'tor has no server descriptor for this relay';
      }
    } catch (e) {
      descriptorNote = e instanceof ReplyError ? e.replyText : (e as Error).message;
    }
    const status = statusText === undefined ? undefined : parseRouterStatusEntriesLenient(statusText).entries[0];
    let descriptor;
    if (descriptorText !== undefined) {
      try {
        descriptor = parseServerDescriptor(descriptorText, { input: 'text' });
      } catch (e) {
        if (!(e instanceof ProtocolError)) throw e;
        descriptorNote = `descriptor did not parse: ${e.message}`;
      }
    }
    const { microdescriptorText, microdescriptorNote } = await micro;
    return { kind: 'loaded', fingerprint: fp, status, statusText, descriptor, descriptorText, descriptorNote, microdescriptorText, microdescriptorNote };
  }

  private async fetchMicrodescriptor(fp: string): Promise<{ microdescriptorText: string | undefined; microdescriptorNote: string | undefined }> {
    try {
      const text = await this.controller.getInfoOne(`md/id/${fp}`);
      if (text.trim() !== '') return { microdescriptorText: text, microdescriptorNote: undefined };
      return { microdescriptorText: undefined, microdescriptorNote: 'tor has no microdescriptor for this relay' };
    } catch (e) {
      return { microdescriptorText: undefined, microdescriptorNote: e instanceof ReplyError ? e.replyText : (e as Error).message };
    }
  }
}
