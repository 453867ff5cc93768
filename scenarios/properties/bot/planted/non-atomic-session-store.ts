/**
 * PLANTED BUG: a non-atomic session write. The body is written straight over the session file
 * (open with O_TRUNC, then write): a torn write or ENOSPC leaves half a JSON body (or an empty
 * file) where the session was. Caught by no-torn-session.
 */
import type { SessionFs } from '../../../../src/bot/session-fs.ts';
import { sessionFileName, type SessionKey } from '../../../../src/bot/session-file-name.ts';
import { SessionStore, type BotSession } from '../../../../src/bot/session-store.ts';

export class NonAtomicSessionStore extends SessionStore {
  readonly #fs: SessionFs;

  constructor(fs: SessionFs) {
    super(fs);
    this.#fs = fs;
  }

  override async write(key: SessionKey, session: BotSession): Promise<void> {
    await this.#fs.writeFile(sessionFileName(key), JSON.stringify(session));
  }
}
