/**
 * The errors the gated file system throws, shaped like node:fs's (`code`, `syscall`, `path`), as
 * the SessionFs contract in src/bot/session-fs.ts promises. sims/ may import only types from
 * src/ (the engine never runs the code it tests), so the shape is built here, not borrowed.
 */
import { basename, join } from 'node:path';

export function nodeFsError(code: string, syscall: string, name: string): Error & { code: string } {
  return Object.assign(new Error(`${code}: ${syscall} '${name}'`), { code, syscall, path: name });
}

/** `dir/name` for a bare file name; anything else (a path, '', '.', '..') is refused, as SessionFs requires. */
export function bareNameInside(dir: string, name: string): string {
  if (name !== basename(name) || name === '' || name === '.' || name === '..')
    throw new Error(`session file name '${name}' is not a bare file name`);
  return join(dir, name);
}
