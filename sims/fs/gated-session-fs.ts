/**
 * The SessionFs an actor receives in a simulation: a REAL directory (one per case engine,
 * emptied at every case's world phase) where every operation is an operation of the scheduler
 * bridge (system 'fs'), recorded in the history, and where the run's fault plan makes the file
 * system fail for real:
 *
 *   fs-enoent         the call fails with ENOENT and does nothing;
 *   fs-eacces         the call fails with EACCES and does nothing;
 *   fs-enospc         writeFile: the file is created/truncated, nothing is written, ENOSPC
 *                     (what open(O_TRUNC) + a failing write(2) leave behind);
 *   fs-torn-write     writeFile: the first half of the body is really written, then EIO (a
 *                     partial JSON body on disk, as after a crash mid-write);
 *   fs-rename-failed  rename: fails with EIO, nothing is renamed, the temp file stays.
 *
 * A fault fires at most once per operation, drawn in release order from the run's fault stream
 * (so a seed and path replay the same faults). Crash faults are the bridge's: the operation and
 * everything after it never happen.
 */
import { readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import type { SessionFs } from '../../src/bot/session-fs.ts';
import type { FaultInjector } from '../faults/fault-injector.ts';
import type { FsFault } from '../../fakes/fault-kinds.ts';
import type { SchedulerBridge } from '../schedule/scheduler-bridge.ts';
import { bareNameInside, nodeFsError } from './node-fs-error.ts';

export interface GatedFsContext {
  bridge: SchedulerBridge;
  /** The case's session directory (real, on disk). */
  dir: string;
  faults?: FaultInjector;
}

type Operation = 'readFile' | 'writeFile' | 'rename' | 'unlink' | 'readdir';

/** Which faults make sense for which call. */
const APPLICABLE: Record<Operation, readonly FsFault[]> = {
  readFile: ['fs-enoent', 'fs-eacces'],
  writeFile: ['fs-enoent', 'fs-eacces', 'fs-enospc', 'fs-torn-write'],
  rename: ['fs-enoent', 'fs-eacces', 'fs-rename-failed'],
  unlink: ['fs-enoent', 'fs-eacces'],
  readdir: ['fs-eacces'],
};

export function gatedSessionFs(context: GatedFsContext, actor: string): SessionFs {
  const { bridge, dir, faults } = context;
  const path = (name: string) => bareNameInside(dir, name);

  function gate<T>(
    operation: Operation,
    args: Record<string, unknown>,
    perform: (fault: FsFault | undefined) => Promise<T>,
    summarize?: (value: T) => unknown,
  ): Promise<T> {
    const start = async () => {
      try {
        return await perform(faults?.decide(APPLICABLE[operation], actor, operation));
      } catch (error) {
        throw withoutDir(error, dir);
      }
    };
    return bridge.run({ actor, system: 'fs', operation, args }, start, summarize ? { summarize } : {});
  }

  /** Faults that fail the call without touching the disk. */
  function refuse(fault: FsFault | undefined, syscall: string, name: string): void {
    if (fault === 'fs-enoent') throw nodeFsError('ENOENT', syscall, name);
    if (fault === 'fs-eacces') throw nodeFsError('EACCES', syscall, name);
  }

  return {
    readFile: (name) =>
      gate(
        'readFile',
        { name },
        async (fault) => {
          refuse(fault, 'open', name);
          return readFile(path(name), 'utf8');
        },
        (body) => ({ bytes: body.length }),
      ),
    writeFile: (name, data) =>
      gate('writeFile', { name, bytes: data.length }, async (fault) => {
        refuse(fault, 'open', name);
        if (fault === 'fs-enospc') {
          await writeFile(path(name), '');
          throw nodeFsError('ENOSPC', 'write', name);
        }
        if (fault === 'fs-torn-write') {
          await writeFile(path(name), data.slice(0, Math.floor(data.length / 2)), 'utf8');
          throw nodeFsError('EIO', 'write', name);
        }
        await writeFile(path(name), data, 'utf8');
      }),
    rename: (from, to) =>
      gate('rename', { from, to }, async (fault) => {
        refuse(fault, 'rename', from);
        if (fault === 'fs-rename-failed') throw nodeFsError('EIO', 'rename', from);
        await rename(path(from), path(to));
      }),
    unlink: (name) =>
      gate('unlink', { name }, async (fault) => {
        refuse(fault, 'unlink', name);
        await unlink(path(name));
      }),
    readdir: () =>
      gate(
        'readdir',
        {},
        async (fault) => {
          refuse(fault, 'scandir', dir);
          return (await readdir(dir)).sort();
        },
        (names) => names,
      ),
  };
}

/**
 * A real node:fs error names the absolute path, and the directory differs per engine: keep only
 * the file name so the history (and a replay's) stays byte-identical across processes.
 */
function withoutDir(error: unknown, dir: string): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  const { code, syscall } = error as { code?: unknown; syscall?: unknown };
  if (typeof code !== 'string') return error;
  const name = error.message.includes(dir)
    ? error.message.replaceAll(`${dir}/`, '').replaceAll(dir, '.')
    : error.message;
  return Object.assign(new Error(name), { code, syscall: typeof syscall === 'string' ? syscall : undefined });
}
