/**
 * nodeSessionFs with a hook before each call (to change the database at the instant a module
 * touches a file: a customer writing, an agent taking over) and a log of the calls. readdir
 * answers in reverse order: a real directory's order is not sorted, and the modules must sort.
 */
import { nodeSessionFs } from '../../../../src/bot/node-session-fs.ts';
import type { SessionFs } from '../../../../src/bot/session-fs.ts';

export type FsOp = 'readFile' | 'writeFile' | 'rename' | 'unlink' | 'readdir';

export interface HookedFs {
  fs: SessionFs;
  /** `op name` of every call, in order. */
  calls: string[];
}

export function hookedSessionFs(dir: string, before: (op: FsOp, name: string) => Promise<void> | void): HookedFs {
  const real = nodeSessionFs(dir);
  const calls: string[] = [];
  const hooked = async <T>(op: FsOp, name: string, work: () => Promise<T>): Promise<T> => {
    calls.push(op === 'readdir' ? op : `${op} ${name}`);
    await before(op, name);
    return work();
  };
  return {
    calls,
    fs: {
      readFile: (name) => hooked('readFile', name, () => real.readFile(name)),
      writeFile: (name, data) => hooked('writeFile', name, () => real.writeFile(name, data)),
      rename: (from, to) => hooked('rename', from, () => real.rename(from, to)),
      unlink: (name) => hooked('unlink', name, () => real.unlink(name)),
      readdir: () => hooked('readdir', '', async () => (await real.readdir()).sort().reverse()),
    },
  };
}
