// logged_events in the config file is read with -l's grammar (ranges, aliases, the title's condensed
// forms); a name that is not an event type, or an item that is not a name or range, is warned about
// on its line, naming it, and left out — as the parser does for every other bad value.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseConfig } from '../../src/config/index.js';

describe('logged_events', () => {
  it('reads ranges, aliases and the condensed title forms, as -l does', () => {
    const { settings, warnings } = parseConfig('logged_events NOTICE-ERR, ORTOP WARN-ERR, circ, NYX_INFO, HS_DESC');
    expect(warnings).toEqual([]);
    expect(settings.loggedEvents).toEqual(['NOTICE', 'WARN', 'ERR', 'ORTOP_WARN', 'ORTOP_ERR', 'CIRC', 'ORTOP_INFO', 'HS_DESC']);
  });

  it('names an unknown event type and its line, and keeps the rest', () => {
    const { settings, warnings } = parseConfig('# mine\nlogged_events NOTICE, NOTCE, CIRC');
    expect(settings.loggedEvents).toEqual(['NOTICE', 'CIRC']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.line).toBe(2);
    expect(warnings[0]!.message).toMatch(/^line 2: logged_events: "NOTCE" is not an event type .*; left out$/);
  });

  it('names an item that is neither a name nor a range', () => {
    const { settings, warnings } = parseConfig('logged_events ERR-DEBUG, BW, no$pe');
    expect(settings.loggedEvents).toEqual(['BW']);
    expect(warnings.map((w) => w.message)).toEqual([
      'line 1: logged_events: "ERR-DEBUG" is not a runlevel range (e.g. NOTICE-ERR or ORTOP_DEBUG-ORTOP_ERR); left out',
      'line 1: logged_events: "no$pe" is not an event name; left out',
    ]);
  });

  it('keeps the default when nothing valid is left, and says so', () => {
    const { settings, warnings } = parseConfig('logged_events BOGUS, ORTOP_LOUD');
    expect(settings.loggedEvents).toEqual(DEFAULT_SETTINGS.loggedEvents);
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('"BOGUS" is not an event type'),
      expect.stringContaining('"ORTOP_LOUD" is not an event type'),
      'line 1: logged_events: no event type left; keeping the default',
    ]);
    expect(parseConfig('logged_events ,').warnings[0]!.message).toContain('logged_events expects a comma-separated list of event types');
  });
});
