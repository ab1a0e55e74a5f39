import { describe, expect, it } from 'vitest';
import { initialView, reduceGlobalKey, type ViewState } from '../../src/app/shell/view-state.js';

const TITLES = ['Graph / Log', 'Connections', 'Configuration', 'Torrc', 'Interpreter'];

function press(view: ViewState, keys: string[], confirmQuit = true) {
  const actions: string[] = [];
  for (const k of keys) {
    const r = reduceGlobalKey(view, k, confirmQuit);
    view = r.view;
    actions.push(...r.actions.map((a) => a.kind));
  }
  return { view, actions };
}

describe('global keys', () => {
  it('switches pages with Left/Right (wrapping) and digits', () => {
    const v = initialView(TITLES);
    expect(press(v, ['right']).view.page).toBe(1);
    expect(press(v, ['left']).view.page).toBe(4);
    expect(press(v, ['3']).view.page).toBe(2);
    expect(press(initialView(['a', 'b']), ['5']).view.page).toBe(0);
  });

  it('asks before quitting, unless told not to; q or y confirms, anything else cancels', () => {
    expect(press(initialView(TITLES), ['q']).actions).toEqual([]);
    expect(press(initialView(TITLES), ['q']).view.popup).toMatchObject({ kind: 'confirm', prompt: { action: 'quit' } });
    expect(press(initialView(TITLES), ['q', 'y']).actions).toEqual(['quit']);
    expect(press(initialView(TITLES), ['q', 'q']).actions).toEqual(['quit']);
    expect(press(initialView(TITLES), ['q', 'n']).view.popup.kind).toBe('none');
    expect(press(initialView(TITLES), ['q'], false).actions).toEqual(['quit']);
    expect(press(initialView(TITLES), ['C-c']).actions).toEqual(['quit']);
  });

  it('confirms a reload before sending it', () => {
    expect(press(initialView(TITLES), ['x']).actions).toEqual([]);
    expect(press(initialView(TITLES), ['x', 'y']).actions).toEqual(['reload']);
    expect(press(initialView(TITLES), ['x', 'escape']).actions).toEqual([]);
  });

  it('opens help (any key closes it without acting), pauses, asks for NEWNYM and reconnect', () => {
    const help = press(initialView(TITLES), ['h']);
    expect(help.view.popup.kind).toBe('help');
    const closed = press(help.view, ['q']);
    expect(closed.view.popup.kind).toBe('none');
    expect(closed.actions).toEqual([]);
    expect(press(initialView(TITLES), ['p']).view.paused).toBe(true);
    expect(press(initialView(TITLES), ['p', 'p']).view.paused).toBe(false);
    expect(press(initialView(TITLES), ['n', 'r']).actions).toEqual(['newnym', 'reconnect']);
  });

  it('passes other keys to the page', () => {
    expect(reduceGlobalKey(initialView(TITLES), 'g', true).actions).toEqual([{ kind: 'page-key', key: 'g' }]);
  });

  it('drives the menu: View picks a page, Actions run what their keys do, Esc closes', () => {
    const open = press(initialView(TITLES), ['m']);
    expect(open.view.popup.kind).toBe('menu');
    expect(press(open.view, ['right', 'down', 'down', 'enter']).view).toMatchObject({ page: 2, popup: { kind: 'none' } });
    expect(press(open.view, ['down', 'enter']).actions).toEqual(['newnym']);
    expect(press(open.view, ['down', 'down', 'down', 'down', 'down', 'enter']).view.popup).toMatchObject({ kind: 'confirm', prompt: { action: 'quit' } });
    expect(press(open.view, ['escape']).view.popup.kind).toBe('none');
  });
});
