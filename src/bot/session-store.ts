/**
 * The bot's session store: one JSON file per conversation key holding the flow id and state.
 *
 * - Writes are atomic: the body goes to a temp file that is then renamed over the session file,
 *   so a reader sees the old session or the new one, never half of one. A failed write leaves
 *   the session file as it was (a leftover temp file is removed best-effort here and otherwise
 *   by the scheduler's sweep).
 * - Reads tell three states apart: `missing` (no file), `torn` (a file that is not a valid
 *   session: partial JSON from a non-atomic writer or a bad disk) and `present`.
 * - Deleting a file that is already gone succeeds: deletes are retried after crashes.
 */
import { fsErrorCode, type SessionFs } from './session-fs.ts';
import { sessionFileName, tempFileName, type SessionKey } from './session-file-name.ts';

export interface BotSession {
  flowId: string;
  /** The flow's own state (current step, collected answers...): opaque to the store. */
  state: Record<string, unknown>;
  /** Epoch ms of the last customer message the bot handled. */
  updatedAt: number;
}

export type SessionRead =
  { kind: 'missing' } | { kind: 'torn'; body: string } | { kind: 'present'; session: BotSession };

export interface SessionStoreOptions {
  /** Unique per writer (process id, actor name): two writers never share a temp file. */
  tempTag?: () => string;
}

export class SessionStore {
  readonly #fs: SessionFs;
  readonly #tempTag: () => string;

  constructor(fs: SessionFs, options: SessionStoreOptions = {}) {
    this.#fs = fs;
    let writes = 0;
    this.#tempTag = options.tempTag ?? (() => `w${++writes}`);
  }

  async read(key: SessionKey): Promise<SessionRead> {
    let body: string;
    try {
      body = await this.#fs.readFile(sessionFileName(key));
    } catch (error) {
      if (fsErrorCode(error) === 'ENOENT') return { kind: 'missing' };
      throw error;
    }
    const session = parseSession(body);
    return session ? { kind: 'present', session } : { kind: 'torn', body };
  }

  async write(key: SessionKey, session: BotSession): Promise<void> {
    const temp = tempFileName(key, this.#tempTag());
    try {
      await this.#fs.writeFile(temp, JSON.stringify(session));
      await this.#fs.rename(temp, sessionFileName(key));
    } catch (error) {
      // Best effort: the scheduler's sweep removes what this cannot.
      await this.#fs.unlink(temp).catch(() => undefined);
      throw error;
    }
  }

  /** Remove the session file; true if it existed. */
  async delete(key: SessionKey): Promise<boolean> {
    return this.deleteFile(sessionFileName(key));
  }

  /** Remove any file of the store by name (a session or a leftover temp file). */
  async deleteFile(name: string): Promise<boolean> {
    try {
      await this.#fs.unlink(name);
      return true;
    } catch (error) {
      if (fsErrorCode(error) === 'ENOENT') return false;
      throw error;
    }
  }

  list(): Promise<string[]> {
    return this.#fs.readdir();
  }
}

export function parseSession(body: string): BotSession | undefined {
  try {
    const value = JSON.parse(body) as Partial<BotSession> | null;
    if (
      // Stryker disable next-line OptionalChaining: on `null` the plain access throws, and the catch below answers undefined just the same
      typeof value?.flowId !== 'string' ||
      typeof value.updatedAt !== 'number' ||
      typeof value.state !== 'object' ||
      value.state === null
    )
      return undefined;
    return { flowId: value.flowId, state: value.state, updatedAt: value.updatedAt };
  } catch {
    return undefined;
  }
}
