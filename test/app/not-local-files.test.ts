// A tor that is not on this machine (demo, replay, remote control port): the paths it reports for its
// log and state file are not opened here; the log says why there is no backlog or long history.
import { afterEach, describe, expect, it } from 'vitest';
import { NOT_LOCAL_PROC_FS } from '../../src/system/index.js';
import { startApp, stopApps } from '../helpers/app-harness.js';
import { FakeTor } from '../helpers/fake-tor.js';

afterEach(stopApps);

function torWithFiles(): FakeTor {
  return new FakeTor({
    info: { 'process/pid': '4242', uptime: '100' },
    conf: { Nickname: 'far', SocksPort: '0', DataDirectory: '/nonexistent-ortop-test/data', Log: 'notice file /nonexistent-ortop-test/notices.log' },
  });
}

describe("tor's files when tor is elsewhere", () => {
  it('says tor is not on this machine instead of reading its paths here', async () => {
    const h = await startApp({ tor: torWithFiles(), cols: 160, rows: 40, procFs: NOT_LOCAL_PROC_FS });
    await h.until('no backlog');
    expect(h.text()).toContain("no backlog: could not read tor's log file /nonexistent-ortop-test/notices.log: tor is not on this machine");
    await h.until('state file');
    expect(h.text()).toMatch(/state file \/nonexistent-ortop-test\/data\/state is not readable: tor is not on this machine/);
  });

  it('a local tor gets the file system answer', async () => {
    const h = await startApp({ tor: torWithFiles(), cols: 160, rows: 40 });
    await h.until('no backlog');
    expect(h.text()).toContain("no backlog: could not read tor's log file /nonexistent-ortop-test/notices.log: it does not exist");
  });
});
