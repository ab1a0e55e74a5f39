// A relay's control password from the file the config names (`relay … password_file=PATH`): read on
// each connect, so a changed password is picked up, and used only when the file is the user's own
// and nobody else may read it. A refused file, or a password tor rejects, is said once and the
// usual way (ORTOP_PASSWORD or the no-echo prompt) is asked instead.
import type { PasswordProvider } from '../../controller/index.js';
import { readSecretFile } from '../../system/secret-file.js';

export class PasswordFileUnusable extends Error {
  override readonly name = 'PasswordFileUnusable';
}

export function passwordFileProvider(path: string, fallback: PasswordProvider | undefined, report: (message: string) => void): PasswordProvider {
  let useFile = true;
  let lastFromFile = false;
  return async (request) => {
    if (useFile && request.rejected && lastFromFile) {
      useFile = false;
      report(`tor rejected the password in ${path}`);
    }
    if (useFile) {
      const read = await readSecretFile(path);
      if (read.kind === 'read') {
        lastFromFile = true;
        return read.secret;
      }
      useFile = false;
      report(`${read.problem}; it is not used`);
    }
    const fromFile = lastFromFile;
    lastFromFile = false;
    if (fallback === undefined) throw new PasswordFileUnusable(`no usable password for ${request.address}: the password file ${path} was ${fromFile ? 'rejected by tor' : 'refused'}, and there is no terminal to ask`);
    return fallback({ ...request, rejected: request.rejected && !fromFile });
  };
}
