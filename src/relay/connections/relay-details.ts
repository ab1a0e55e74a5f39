// What the detail box and descriptor popup show about one relay: its consensus entry (GETINFO
// ns/id/<fp>) and server descriptor (desc/id/<fp>), as text and parsed. Filled by the app, which
// does the asking; plain data here.
import type { RouterStatusEntry, ServerDescriptor } from '../../protocol/documents/index.js';

export type RelayDetails =
  | { readonly kind: 'loading'; readonly fingerprint: string }
  | {
      readonly kind: 'loaded';
      readonly fingerprint: string;
      readonly status: RouterStatusEntry | undefined;
      readonly statusText: string | undefined;
      readonly descriptor: ServerDescriptor | undefined;
      readonly descriptorText: string | undefined;
      /** Why there is no descriptor (microdescriptor clients, unknown relay, …). */
      readonly descriptorNote: string | undefined;
      /** GETINFO md/id/<fp>, as tor gave it (undefined when tor has none or was not asked). */
      readonly microdescriptorText?: string | undefined;
      /** Why there is no microdescriptor. */
      readonly microdescriptorNote?: string | undefined;
    };
