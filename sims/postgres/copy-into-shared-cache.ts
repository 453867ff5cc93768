// A copy of a directory in a world-readable cache that syncsim owns, keyed by name (the
// Postgres package and its version), so the `postgres` OS user can run binaries that a
// mode-700 checkout hides from it, without touching the user's directories. Safe when two
// runs start at once: each copies into its own temporary sibling and renames it into place;
// the loser of the rename removes its copy and uses the winner's. A copy is only ever
// complete (rename is atomic), so a run killed mid-copy leaves a temp dir, never a half cache.
import { constants, accessSync } from 'node:fs';
import { chmod, cp, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isReachableByOthers } from './reachable-by-others.ts';

let counter = 0;

/** The first candidate directory that exists, is writable here and reachable by others. */
export function sharedCacheRoot(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env['SYNCSIM_CACHE_DIR'], os.tmpdir(), '/var/tmp', '/tmp'];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      accessSync(candidate, constants.W_OK);
    } catch {
      continue;
    }
    if (isReachableByOthers(path.join(candidate, '.'))) return candidate;
  }
  return undefined;
}

async function exists(dir: string): Promise<boolean> {
  return stat(dir).then(
    () => true,
    () => false,
  );
}

// mkdir honours the umask and cp keeps the source's modes (a user's umask 077 makes them
// private): grant others read on files and read+search on directories, keeping the x bits.
async function openToOthers(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isSymbolicLink()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const { mode } = await stat(file);
    await chmod(file, entry.isDirectory() ? mode | 0o755 : mode | 0o044 | ((mode & 0o100) !== 0 ? 0o011 : 0));
  }
}

/**
 * Returns `<root>/<key>`, filling it first with `fill(tempDir)` if it does not exist. `fill`
 * writes into a fresh temporary sibling that is then renamed into place.
 */
export async function publishToSharedCache(
  root: string,
  key: string,
  fill: (temp: string) => Promise<void>,
): Promise<string> {
  const target = path.join(root, key);
  if (await exists(target)) return target;
  const temp = path.join(root, `${key}.partial-${process.pid}-${counter++}`);
  try {
    await fill(temp);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    // Another run renamed its copy into place first: use that one.
    if (await exists(target)) return target;
    throw error;
  }
  return target;
}

/** Returns the cached copy of `source` named `key` under `root`, readable by every user. */
export function copyIntoSharedCache(source: string, root: string, key: string): Promise<string> {
  return publishToSharedCache(root, key, async (temp) => {
    await mkdir(temp, { recursive: true });
    await cp(source, temp, { recursive: true, verbatimSymlinks: true });
    await openToOthers(temp);
  });
}
