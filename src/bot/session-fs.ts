/**
 * The file operations the bot's session store needs, and nothing more. Names are plain file
 * names inside ONE session directory (no paths), so an implementation cannot be pointed
 * elsewhere by a crafted phone number. Production passes `nodeSessionFs(dir)`; the simulation
 * passes a gated implementation whose every call is an operation of the scheduler and may fail
 * for real (ENOENT, EACCES, ENOSPC, torn write, failed rename).
 *
 * Errors are Node-like: an Error carrying a string `code` ('ENOENT', 'EACCES', ...).
 */
import { basename, join } from 'node:path';
export interface SessionFs {
  /** The whole file as UTF-8; rejects with code ENOENT when it does not exist. */
  readFile(name: string): Promise<string>;
  /** Create or truncate, then write. Not atomic: a failure may leave partial content. */
  writeFile(name: string, data: string): Promise<void>;
  /** Atomic replace of `to` by `from` (POSIX rename within one directory). */
  rename(from: string, to: string): Promise<void>;
  unlink(name: string): Promise<void>;
  readdir(): Promise<string[]>;
}

/** `dir/name` for a bare file name; anything else (a path, '', '.', '..') is refused. */
export function pathInside(dir: string, name: string): string {
  if (name !== basename(name) || name === '' || name === '.' || name === '..')
    throw new Error(`session file name '${name}' is not a bare file name`);
  return join(dir, name);
}

/** The `code` of a Node-like file-system error, if any. */
export function fsErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** An Error shaped like the ones node:fs raises. */
export function fsError(code: string, syscall: string, name: string): Error & { code: string } {
  return Object.assign(new Error(`${code}: ${syscall} '${name}'`), { code, syscall, path: name });
}
