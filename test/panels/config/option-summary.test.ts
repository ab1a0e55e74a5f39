// Config list summaries: whole at every width (the manual's sentence when it fits, our short
// summary for common options, the manual's leading clause), never cut inside a word.
import { describe, expect, it } from 'vitest';
import { summaryAtWidth } from '../../../panels/config/option-summary.js';
import { IMPORTANT_OPTIONS, OPTION_SUMMARY_COUNT, optionSummary } from '../../../src/relay/config/index.js';
import { displayWidth } from '../../../src/terminal/width.js';

const MANUAL: Record<string, string> = {
  AccountingMax: 'Stops relaying for the rest of the period after this much traffic.',
  ContactInfo: 'How the people who run the network can reach you.',
  ClientDNSRejectInternalAddresses: 'If true, Tor does not believe any anonymously retrieved DNS answer that tells it that an address resolves to an internal address (like 127.0.0.1 or 192.168.0.1).',
  HTTPProxy: 'Tor will make all its directory requests through this host:port (or host:443 if port is not specified), connecting through this proxy, which is an HTTP proxy.',
  KeepalivePeriod: 'To keep firewalls from expiring connections, send a padding keepalive cell every NUM seconds on open connections that are in use.',
};

/** Every word of `summary` (bar a trailing "…") is a whole word of one of the sources. */
function wordsAreWhole(summary: string, sources: readonly string[]): boolean {
  const words = new Set(sources.flatMap((s) => s.split(/\s+/)).flatMap((w) => [w, w.replace(/[.,;:]$/, ''), w.charAt(0).toUpperCase() + w.slice(1)]));
  return summary.replace(/…$/, '').split(' ').filter((w) => w !== '').every((w) => words.has(w));
}

describe('config summaries at the width', () => {
  it('has our own short summary (at most 25 cells) for every important option and 100+ common ones', () => {
    expect(OPTION_SUMMARY_COUNT).toBeGreaterThanOrEqual(100);
    for (const name of IMPORTANT_OPTIONS) {
      const s = optionSummary(name);
      expect(s, name).toBeDefined();
      expect(displayWidth(s!), name).toBeLessThanOrEqual(25);
    }
    expect(optionSummary('orport')).toBe(optionSummary('ORPort'));
    expect(optionSummary('toString')).toBeUndefined();
  });

  it('uses the manual sentence when it fits whole, else our summary, both without a cut', () => {
    expect(summaryAtWidth('AccountingMax', MANUAL.AccountingMax, 100)).toBe('Stops relaying for the rest of the period after this much traffic');
    expect(summaryAtWidth('AccountingMax', MANUAL.AccountingMax, 25)).toBe('Traffic cap per period');
    expect(summaryAtWidth('ContactInfo', undefined, 40)).toBe('How to reach the operator');
    expect(summaryAtWidth('ContactInfo', MANUAL.ContactInfo, 25)).toBe('How to reach the operator');
  });

  it('takes the longest leading clause that fits, skipping an "If …," opening', () => {
    expect(summaryAtWidth('HTTPProxy', MANUAL.HTTPProxy, 70)).toBe('Tor will make all its directory requests through this host:port');
    expect(summaryAtWidth('KeepalivePeriod', MANUAL.KeepalivePeriod, 50)).toBe('To keep firewalls from expiring connections');
    expect(summaryAtWidth('ClientDNSRejectInternalAddresses', MANUAL.ClientDNSRejectInternalAddresses, 200)).toMatch(/^If true, Tor does not believe/);
    expect(summaryAtWidth('ClientDNSRejectInternalAddresses', MANUAL.ClientDNSRejectInternalAddresses, 60)).toMatch(/^Tor does not believe any/);
  });

  it('is never wider than asked and never cuts inside a word, at widths from 0 to 120', () => {
    for (const [name, manual] of [...Object.entries(MANUAL), ['ORPort', undefined], ['NoSuchOption', 'Short.'], ['Weird', 'caf\u00e9 \u65e5\u672c\u8a9e text, more text']] as const) {
      for (let width = 0; width <= 120; width += 7) {
        const s = summaryAtWidth(name, manual, width);
        expect(displayWidth(s), `${name} at ${width}`).toBeLessThanOrEqual(Math.max(0, width));
        expect(wordsAreWhole(s, [manual ?? '', optionSummary(name) ?? '']), `${name} at ${width}: ${s}`).toBe(true);
      }
    }
  });

  it('makes hostile manual text safe', () => {
    expect(summaryAtWidth('X', 'Evil \u001b[2J text.', 40)).not.toContain('\u001b');
  });
});
