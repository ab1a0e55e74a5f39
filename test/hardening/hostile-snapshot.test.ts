// The --snapshot frame body is written to stdout as it is (src/app/shell/console-output.ts writeFrame),
// on the claim that the renderer only ever draws sanitised text. This checks the claim with the
// hostile tor on every page, in the three formats: text and SVG hold no control bytes, ANSI none but
// its own SGR codes, and SVG's text is XML-escaped.
import { afterEach, describe, expect, it } from 'vitest';
import { gridAnsi, gridSvg, gridText, readGrid } from '../../src/terminal/index.js';
import { startApp, stopApps } from '../helpers/app-harness.js';
import { hostileTor, PAYLOAD } from './hostile-tor.js';
import { controlBytesIn } from './scripted-port.js';

afterEach(stopApps);

describe('snapshot frames of a hostile tor', () => {
  it('carry no escape sequence or control byte in text, ansi or svg, on any page', async () => {
    const h = await startApp({ tor: hostileTor(), cols: 160, rows: 45 });
    h.tor.emitEvent(`NOTICE log ${PAYLOAD}`);
    await h.flush(1500);
    const frames: Record<string, { text: string; ansi: string; svg: string }> = {};
    for (const page of ['1', '2', '3', '4', '5']) {
      await h.keys(page);
      await h.flush();
      const grid = readGrid(h.term.screen);
      frames[page] = { text: gridText(grid), ansi: gridAnsi(grid), svg: gridSvg(grid) };
    }
    for (const [page, f] of Object.entries(frames)) {
      expect(controlBytesIn(Buffer.from(f.text, 'utf8')), `page ${page} text`).toEqual([]);
      expect(controlBytesIn(Buffer.from(f.ansi.replace(/\x1b\[[\d;]*m/g, ''), 'utf8')), `page ${page} ansi`).toEqual([]);
      expect(controlBytesIn(Buffer.from(f.svg, 'utf8')), `page ${page} svg`).toEqual([]);
      // Every '<' in the SVG opens one of the renderer's own elements: tor's text cannot add markup.
      expect(f.svg.match(/<(?!\/?(svg|rect|text)\b)/g), `page ${page} svg markup`).toBeNull();
      expect(f.text, `page ${page}`).not.toContain('PWNED');
    }
    // The hostile strings were on screen (sanitised), so the check looked at them.
    expect(frames['1']!.text).toContain('XLINK');
    expect(frames['1']!.svg).toContain('{bold}B{/bold}');
  });
});
