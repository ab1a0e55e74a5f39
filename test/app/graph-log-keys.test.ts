import { describe, expect, it } from 'vitest';
import { FILTER_NEW, initialGraphLogState, reduceGraphLogKey, type GraphLogKeyContext, type GraphLogState } from '../../src/app/pages/graph-log-keys.js';

const CTX: GraphLogKeyContext = { eventNames: ['DEBUG', 'INFO', 'NOTICE', 'WARN', 'ERR', 'CIRC'], selection: ['NOTICE', 'WARN', 'ERR'], pickerColumns: 3 };
const start = () => initialGraphLogState({ stat: 'bandwidth', interval: 'each second', bound: 'local_max', barRows: 7 }, true, ['^circ', 'guard']);

function press(state: GraphLogState, ...keys: Array<string | [string, string]>) {
  let s = state;
  const commands = [];
  for (const k of keys) {
    const [key, ch] = typeof k === 'string' ? [k, k.length === 1 ? k : undefined] : k;
    const r = reduceGraphLogKey(s, key, ch, CTX);
    s = r.state;
    commands.push(...r.commands);
  }
  return { state: s, commands };
}

const type = (text: string): Array<[string, string]> => [...text].map((c) => [c === ' ' ? 'space' : c, c]);

describe('page 1 keys', () => {
  it('starts with the filter history from the config and no filter on', () => {
    const s = start();
    expect(s.filter).toBeUndefined();
    expect(s.filterHistory).toEqual(['^circ', 'guard']);
  });

  it('cycles bounds, toggles duplicates, resizes the graph with Up/Down until Enter', () => {
    let { state } = press(start(), 'b', 'b', 'u');
    expect(state.graph.bound).toBe('global_max');
    expect(state.log.dedup).toBe(false);
    state = press(state, 'g', 'down', 'down', 'down', 'up').state;
    expect(state.modal.kind).toBe('resize');
    expect(state.graph.barRows).toBe(9);
    state = press(state, 'enter').state;
    expect(state.modal.kind).toBe('none');
  });

  it('picks the stat and interval from popups', () => {
    let { state } = press(start(), 's', 'down', 'enter');
    expect(state.graph.stat).toBe('connections');
    state = press(state, 'i', 'end', 'enter', 'return').state;
    expect(state.graph.interval).toBe('daily');
    expect(state.modal.kind).toBe('none');
  });

  it('filter: history entries, New… with a typed regex, an invalid one is a message', () => {
    let r = press(start(), 'f', 'down', 'enter');
    expect(r.state.filter?.source).toBe('^circ');
    r = press(r.state, 'f', 'end', 'enter', ...type('Bootstrap'), 'enter');
    expect(r.state.filter?.source).toBe('Bootstrap');
    expect(r.state.filterHistory).toEqual(['Bootstrap', '^circ', 'guard']);
    r = press(r.state, 'f', 'end', 'enter', ...type('(('), 'enter');
    expect(r.state.filter?.source).toBe('Bootstrap');
    expect(r.commands).toEqual([{ kind: 'message', text: expect.stringMatching(/^Filter not changed: not a valid regular expression/) }]);
    r = press(r.state, 'f', 'home', 'enter');
    expect(r.state.filter).toBeUndefined();
    expect(press(start(), 'f', 'end').state.modal).toMatchObject({ kind: 'pick', picker: { items: expect.arrayContaining([FILTER_NEW]) } });
  });

  it('e opens the event picker; enter re-subscribes with the ticked types', () => {
    const r = press(start(), 'e', 'down', 'right', 'right', 'space', 'up', 'left', 'left', 'space', 'enter');
    expect(r.commands).toEqual([{ kind: 'set-events', events: ['DEBUG', 'NOTICE', 'WARN', 'ERR', 'CIRC'] }]);
    expect(press(start(), 'e', 'escape').commands).toEqual([]);
  });

  it('a asks for a path and saves; c asks before clearing', () => {
    expect(press(start(), 'a', ...type('~/log.txt'), 'enter').commands).toEqual([{ kind: 'save-snapshot', path: '~/log.txt' }]);
    expect(press(start(), 'a', 'escape').commands).toEqual([]);
    expect(press(start(), 'c', 'c').commands).toEqual([{ kind: 'clear-log' }]);
    expect(press(start(), 'c', 'n').commands).toEqual([{ kind: 'message', text: 'The log was not cleared' }]);
  });

  it('scroll keys become scroll commands; other keys are not used', () => {
    expect(press(start(), 'up', 'pagedown', 'home', 'end').commands).toEqual([
      { kind: 'scroll', step: -1 },
      { kind: 'scroll', step: 'page-down' },
      { kind: 'scroll', step: 'home' },
      { kind: 'scroll', step: 'end' },
    ]);
    expect(reduceGraphLogKey(start(), 'z', 'z', CTX).used).toBe(false);
  });
});
