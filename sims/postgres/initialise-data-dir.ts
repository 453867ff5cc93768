// A new data dir for the embedded server. initdb costs ~0.5-0.7 s of a ~0.8 s cold start here;
// copying a pristine initdb'd dir costs a fraction of that (performance-anchors.md 2.1: 0.14 s
// copy + start). So the first run on a machine keeps a pristine copy (never started: no pid
// file, no WAL beyond initdb's) in the shared cache, keyed by the Postgres build, the initdb
// flags and the server's OS user; later runs copy it with `cp -a`, which keeps the 0700 modes
// and the postgres user's ownership that the server insists on. Anything wrong with the cache
// (another user's copy we cannot read, a full disk) falls back to initdb: the cache only saves
// time, it never decides whether a run can start.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chown, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { publishToSharedCache } from './copy-into-shared-cache.ts';
import type { PostgresBinaries } from './postgres-binaries.ts';
import type { OsUser } from './postgres-os-user.ts';
import { runInitdb } from './run-postgres-process.ts';

const run = promisify(execFile);

export interface InitialiseDataDirOptions {
  readonly binaries: PostgresBinaries;
  readonly initdbFlags: readonly string[];
  readonly dataDir: string;
  readonly user: OsUser | undefined;
  /** Where pristine copies are kept; undefined: always initdb. */
  readonly cacheRoot: string | undefined;
  readonly log: (line: string) => void;
}

/** How the dir was made: copied from the cache, or by initdb (then published to the cache). */
export type DataDirOrigin = 'cache' | 'initdb';

function cacheKey(options: InitialiseDataDirOptions): string {
  const flags = createHash('sha256').update(options.initdbFlags.join('\0')).digest('hex').slice(0, 12);
  return `syncsim-pgdata-${options.binaries.build}-${flags}-u${options.user?.uid ?? process.getuid?.() ?? 0}`;
}

async function copyTree(from: string, to: string): Promise<void> {
  await run('cp', ['-a', from, to]);
}

export async function initialiseDataDir(options: InitialiseDataDirOptions): Promise<DataDirOrigin> {
  const { dataDir, user, cacheRoot } = options;
  const key = cacheKey(options);
  if (cacheRoot !== undefined) {
    try {
      await copyTree(path.join(cacheRoot, key), dataDir);
      return 'cache';
    } catch {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (user) await chown(dataDir, user.uid, user.gid);
  await runInitdb(options.binaries.initdb, options.initdbFlags, { dataDir, user, log: options.log });
  if (cacheRoot !== undefined) {
    await publishToSharedCache(cacheRoot, key, (temp) => copyTree(dataDir, temp)).catch((error: unknown) =>
      options.log(`could not keep a pristine data dir in ${cacheRoot}: ${String(error)}`),
    );
  }
  return 'initdb';
}
