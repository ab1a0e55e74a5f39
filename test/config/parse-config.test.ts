import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseConfig } from '../../src/config/index.js';

describe('parseConfig', () => {
  it('gives the defaults for an empty file', () => {
    expect(parseConfig('')).toEqual({ settings: DEFAULT_SETTINGS, warnings: [] });
  });

  it('reads the nyxrc settings users expect', () => {
    const { settings, warnings } = parseConfig(
      [
        '# my ortop config',
        'color_interface false',
        'show_bits true',
        'confirm_quit false',
        'redraw_rate 2',
        'graph_height 12',
        'graph_interval 15 minute',
        'graph_bound tight',
        'max_log_size 5000',
        'logged_events NOTICE, WARN,ERR ,ORTOP_NOTICE',
        'show_addresses false',
        'show_torrc false',
        'logging_filter ^circuit',
        '   data_directory ~/.nyx',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(settings).toMatchObject({
      colorInterface: false,
      showBits: true,
      confirmQuit: false,
      redrawRateSec: 2,
      graphHeight: 12,
      graphInterval: '15 minute',
      graphBound: 'tight',
      maxLogSize: 5000,
      loggedEvents: ['NOTICE', 'WARN', 'ERR', 'ORTOP_NOTICE'],
      showAddresses: false,
      loggingFilter: ['^circuit'],
    });
    expect(settings.pages.torrc).toBe(false);
    expect(settings.pages.graph).toBe(true);
  });

  it('warns with the line number for unknown keys and bad values, keeping defaults', () => {
    const { settings, warnings } = parseConfig('graph_height tall\n\nfrobnicate 1\nshow_bits maybe\nmax_log_size 5\npassword hunter2\n');
    expect(settings.graphHeight).toBe(DEFAULT_SETTINGS.graphHeight);
    expect(settings.showBits).toBe(false);
    expect(warnings.map((w) => w.line)).toEqual([1, 3, 4, 5, 6]);
    expect(warnings[0]!.message).toBe('line 1: graph_height expects a number of rows from 1 to 100, got "tall"; keeping the default');
    expect(warnings[1]!.message).toContain('unknown setting "frobnicate"');
    expect(warnings[4]!.message).not.toContain('hunter2');
  });

  it('survives hostile content without throwing', () => {
    expect(() => parseConfig('\x1b[2J\u0000 \n\r\n=\n graph_height 99999999999999999999\n')).not.toThrow();
  });
});

describe('parseConfig on odd line ends (found by the fuzzer)', () => {
  it('takes a lone CR inside a line as part of the value, not a crash', () => {
    expect(() => parseConfig('logging_filter a\rb\n')).not.toThrow();
    expect(parseConfig('graph_height 9\r\n').settings.graphHeight).toBe(9);
  });
});
