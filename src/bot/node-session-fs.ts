/**
 * Production SessionFs: node:fs/promises over one real directory. Names are validated to be
 * bare file names so every operation stays inside `dir`.
 */
import { readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { pathInside, type SessionFs } from './session-fs.ts';

export function nodeSessionFs(dir: string): SessionFs {
  const inside = (name: string) => pathInside(dir, name);
  // writeFile encodes a string as UTF-8 by default.
  // A bad name rejects like any other file error instead of throwing synchronously.
  const guarded = <T>(work: () => Promise<T>) => Promise.resolve().then(work);
  return {
    readFile: (name) => guarded(() => readFile(inside(name), 'utf8')),
    writeFile: (name, data) => guarded(() => writeFile(inside(name), data)),
    rename: (from, to) => guarded(() => rename(inside(from), inside(to))),
    unlink: (name) => guarded(() => unlink(inside(name))),
    readdir: () => readdir(dir),
  };
}
