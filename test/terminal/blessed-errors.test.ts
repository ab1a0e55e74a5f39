// Which uncaught errors the TUI runner may survive: only those thrown inside blessed's own library
// code (its deferred label repositioning after a resize), never one whose innermost frame is ortop's.
import { expect, it } from 'vitest';
import { isBlessedInternalError } from '../../src/terminal/blessed-errors.js';

const withStack = (stack: string) => Object.assign(new TypeError('x'), { stack });

it('tells blessed\'s deferred errors from ortop\'s', () => {
  expect(
    isBlessedInternalError(
      withStack(
        "TypeError: Cannot set properties of undefined (setting 'rtop')\n    at reposition (/opt/ortop/node_modules/blessed/lib/widgets/element.js:964:22)\n    at Immediate.<anonymous> (/opt/ortop/node_modules/blessed/lib/widgets/element.js:977:7)",
      ),
    ),
  ).toBe(true);
  expect(isBlessedInternalError(withStack('TypeError: x\n    at drawFrame (/opt/ortop/dist/cli.js:100:3)\n    at emit (/opt/ortop/node_modules/blessed/lib/widgets/screen.js:148:10)'))).toBe(false);
  expect(isBlessedInternalError(withStack('TypeError: x\n    at f (/opt/node_modules/blessed-contrib/lib/widget/charts/line.js:1:1)'))).toBe(false);
  expect(isBlessedInternalError('a string')).toBe(false);
});
