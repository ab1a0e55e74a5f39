// The recording, driven by the one table of secret options: for EVERY option in SECRET_OPTIONS, its
// value is cut from every shape it can take in a control session — what ortop sends (SETCONF quoted
// or not, any case, abbreviated; RESETCONF; +LOADCONF) and what tor answers (GETCONF, config-text,
// config/defaults, CONF_CHANGED). Adding an option to the table adds it to every case here.
import { describe, expect, it } from 'vitest';
import { SECRET_OPTIONS } from '../../src/protocol/index.js';
import { redactCommand, redactMessage } from '../../src/record/redact.js';

const SECRET = 's3cretPW';

/** The secret must be gone and [REDACTED] must stand where it was. */
function expectCut(data: string, context: string): void {
  expect(data, context).not.toContain(SECRET);
  expect(data, context).toContain('[REDACTED]');
}

describe.each(SECRET_OPTIONS.map((o) => o.name))('%s in a recording', (name) => {
  const abbreviated = name.slice(0, name.length - 2);

  it('is cut from the commands ortop sends', () => {
    for (const command of [
      `SETCONF ${name}=${SECRET}\r\n`,
      `SETCONF ${name}="${SECRET} with spaces"\r\n`,
      `setconf ${name.toLowerCase()}=${SECRET}\r\n`,
      `SETCONF ${abbreviated}=${SECRET}\r\n`,
      `SETCONF ContactInfo=me ${name}=${SECRET} Nickname=x\r\n`,
      `RESETCONF ${name}=${SECRET}\r\n`,
      `+LOADCONF\r\nSocksPort 0\r\n${name} ${SECRET}\r\n.\r\n`,
    ]) {
      const r = redactCommand(command);
      expectCut(r.data, command);
      expect(r.redacted, command).toContain(`${name} value`);
    }
    // Everything else in the command is kept as it was.
    expect(redactCommand(`SETCONF ContactInfo=me ${name}=${SECRET} Nickname=x\r\n`).data).toBe(`SETCONF ContactInfo=me ${name}=[REDACTED] Nickname=x\r\n`);
    expect(redactCommand(`SETCONF ${name}="${SECRET} with spaces"\r\n`).data).toBe(`SETCONF ${name}="[REDACTED]"\r\n`);
  });

  it("is cut from tor's replies and events", () => {
    for (const message of [
      `250 ${name}=${SECRET}\r\n`,
      `250-${name}=${SECRET} more words\r\n250 ContactInfo=x\r\n`,
      `250+config-text=\r\nSocksPort 9050\r\n${name} ${SECRET}\r\n${name} "${SECRET} two"\r\n.\r\n250 OK\r\n`,
      `250+config/defaults=\r\n${name} ${SECRET}\r\n.\r\n250 OK\r\n`,
      `650-CONF_CHANGED\r\n650-${name}=${SECRET}\r\n650 OK\r\n`,
    ]) {
      const r = redactMessage(message);
      expectCut(r.data, message);
      expect(r.redacted, message).toContain(`${name} value`);
    }
    expect(redactMessage(`250+config-text=\r\nSocksPort 9050\r\n${name} ${SECRET}\r\n.\r\n250 OK\r\n`).data).toBe(`250+config-text=\r\nSocksPort 9050\r\n${name} [REDACTED]\r\n.\r\n250 OK\r\n`);
  });

  it('leaves the option name itself alone where it carries no value', () => {
    for (const m of [`250 ${name}\r\n`, `250+config/names=\r\n${name} String\r\n.\r\n250 OK\r\n`, `GETCONF ${name}\r\n`]) {
      const r = m.startsWith('GETCONF') ? redactCommand(m) : redactMessage(m);
      expect(r, m).toEqual({ data: m, redacted: [] });
    }
  });
});

describe('options that only share a start with a secret one', () => {
  it('Socks5Proxy, HTTPSProxy, Bridge keep their values', () => {
    for (const c of ['SETCONF Socks5Proxy=127.0.0.1:1\r\n', 'SETCONF HTTPSProxy=127.0.0.1:3128\r\n', 'SETCONF Bridge="1.2.3.4:443"\r\n']) {
      expect(redactCommand(c)).toEqual({ data: c, redacted: [] });
    }
    const m = '250+config-text=\r\nSocks5Proxy 127.0.0.1:1\r\nSocks5ProxyUsername u\r\n.\r\n250 OK\r\n';
    expect(redactMessage(m).data).toBe('250+config-text=\r\nSocks5Proxy 127.0.0.1:1\r\nSocks5ProxyUsername [REDACTED]\r\n.\r\n250 OK\r\n');
  });
});
