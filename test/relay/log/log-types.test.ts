import { describe, expect, it } from 'vitest';
import { canonicalEventType, condenseEventTypes, splitSelection } from '../../../src/relay/log/index.js';
import { parseLogEvents } from '../../../src/app/shell/options.js';

describe('condenseEventTypes', () => {
  it.each([
    [['NOTICE', 'WARN', 'ERR', 'ORTOP_NOTICE', 'ORTOP_WARN', 'ORTOP_ERR'], 'TOR/ORTOP NOTICE-ERR'],
    [['NOTICE', 'WARN', 'ERR', 'ORTOP_WARN', 'ORTOP_ERR'], 'NOTICE-ERR, ORTOP WARN-ERR'],
    [['DEBUG', 'NOTICE', 'WARN', 'ERR'], 'DEBUG, NOTICE-ERR'],
    [['INFO', 'CIRC', 'BW', 'ORTOP_DEBUG'], 'INFO, ORTOP DEBUG, BW, CIRC'],
    [['ERR'], 'ERR'],
    [[], ''],
  ])('%j → %s', (types, title) => expect(condenseEventTypes(types)).toBe(title));

  it('gives titles -l/--log reads back to the same selection (Nyx #31)', () => {
    for (const types of [
      ['NOTICE', 'WARN', 'ERR', 'ORTOP_NOTICE', 'ORTOP_WARN', 'ORTOP_ERR'],
      ['INFO', 'WARN', 'ERR', 'ORTOP_DEBUG', 'ORTOP_INFO', 'CIRC', 'STREAM'],
    ]) {
      expect(new Set(parseLogEvents(condenseEventTypes(types)))).toEqual(new Set(types));
    }
  });
});

describe('selection helpers', () => {
  it('canonical names accept Nyx spellings', () => {
    expect(['warning', 'ERROR', 'nyx_notice', 'NYX_WARNING', ' circ '].map(canonicalEventType)).toEqual(['WARN', 'ERR', 'ORTOP_NOTICE', 'ORTOP_WARN', 'CIRC']);
  });

  it('splits tor types from ortop levels', () => {
    const s = splitSelection(['NOTICE', 'ORTOP_WARN', 'CIRC', 'NOTICE']);
    expect(s.torTypes).toEqual(['NOTICE', 'CIRC']);
    expect([...s.ownLevels]).toEqual(['WARN']);
  });
});
