import { describe, expect, it } from 'vitest';
import { initialView, reduceGlobalKey, type ViewState } from '../../src/app/view-state.js';

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
    const v = initialView(5);
    expect(press(v, ['right']).view.page).toBe(1);
    expect(press(v, ['left']).view.page).toBe(4);
    expect(press(v, ['3']).view.page).toBe(2);
    expect(press(initialView(2), ['5']).view.page).toBe(0);
  });

  it('asks before quitting, unless told not to; q or y confirms, anything else cancels', () => {
    expect(press(initialView(5), ['q']).actions).toEqual([]);
    expect(press(initialView(5), ['q']).view.popup).toMatchObject({ kind: 'confirm', prompt: { action: 'quit' } });
    expect(press(initialView(5), ['q', 'y']).actions).toEqual(['quit']);
    expect(press(initialView(5), ['q', 'q']).actions).toEqual(['quit']);
    expect(press(initialView(5), ['q', 'n']).view.popup.kind).toBe('none');
    expect(press(initialView(5), ['q'], false).actions).toEqual(['quit']);
    expect(press(initialView(5), ['C-c']).actions).toEqual(['quit']);
  });

  it('confirms a reload before sending it', () => {
    expect(press(initialView(5), ['x']).actions).toEqual([]);
    expect(press(initialView(5), ['x', 'y']).actions).toEqual(['reload']);
    expect(press(initialView(5), ['x', 'escape']).actions).toEqual([]);
  });

  it('opens help (any key closes it without acting), pauses, asks for NEWNYM and reconnect', () => {
    const help = press(initialView(5), ['h']);
    expect(help.view.popup.kind).toBe('help');
    const closed = press(help.view, ['q']);
    expect(closed.view.popup.kind).toBe('none');
    expect(closed.actions).toEqual([]);
    expect(press(initialView(5), ['p']).view.paused).toBe(true);
    expect(press(initialView(5), ['p', 'p']).view.paused).toBe(false);
    expect(press(initialView(5), ['n', 'r']).actions).toEqual(['newnym', 'reconnect']);
  });

  it('passes other keys to the page', () => {
    expect(reduceGlobalKey(initialView(5), 'g', true).actions).toEqual([{ kind: 'page-key', key: 'g' }]);
  });
});
