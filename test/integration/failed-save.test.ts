// A SAVECONF the real tor fails after renaming the torrc away (as on a full disk: tor renames the
// torrc to torrc.orig.1, then cannot write the new one). The write is made to fail by a directory
// where tor writes its temporary file (<torrc>.tmp), which works for any user, unlike filling a
// mounted tmpfs. The config page says tor's answer and what is left on disk; page 4 reads again.
import { existsSync, mkdirSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { connect, realClock, type Controller } from '../../src/controller/index.js';
import { realProcFs } from '../../src/system/index.js';
import { mountApp, onCleanup, stopApps } from '../helpers/app-harness.js';
import { pollUntil } from '../helpers/poll-until.js';
import { startTor } from '../helpers/tor-process.js';
import { describeWithTor } from '../helpers/tor-required.js';

afterEach(stopApps);

describeWithTor('a SAVECONF the real tor fails', () => {
  it("says tor's answer and that the torrc was renamed; page 4 shows it as it is now", async () => {
    const tor = await startTor();
    mkdirSync(`${tor.torrcPath}.tmp`);
    const controller: Controller = await connect({ target: { kind: 'tcp', host: '127.0.0.1', port: tor.controlPort }, reconnect: false });
    onCleanup(() => controller.close());
    const { term, frame } = mountApp({ controller, clock: realClock, cols: 140, rows: 40, procFs: realProcFs, target: `127.0.0.1:${tor.controlPort}` });
    const type = async (keys: string) => {
      term.type(keys);
      await new Promise((r) => setTimeout(r, 20));
    };
    const see = (what: string | RegExp) => pollUntil(`the screen to show ${String(what)}`, async () => (typeof what === 'string' ? (await frame()).includes(what) : what.test(await frame())));
    await type('4');
    await see('Validation: no problems found');
    await type('3');
    await see('Tor configuration');
    await type('w');
    await see('Write this to');
    await type('y');
    await see('tor did not save its configuration');
    const shown = (await frame()).replace(/\s*\n\s*/g, ' ');
    expect(shown).toContain('tor could not save its configuration (tor answered "551 Unable to write configuration to disk.")');
    expect(shown).toContain(`${tor.torrcPath} no longer exists: tor renamed it to ${tor.torrcPath}.orig.1`);
    expect(existsSync(`${tor.torrcPath}.orig.1`)).toBe(true);
    await type('\x1b');
    await type('4');
    await see('1 file not read');
    expect(await frame()).toContain(`cannot read ${tor.torrcPath}: ENOENT: it does not exist`);
  });
});
