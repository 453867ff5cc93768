/**
 * A package-lock.json for a fresh project that depends on the packed syncsim tarball only. Every
 * dependency entry is copied from this repo's lock (same versions, resolved URLs and integrity),
 * so npm installs from the cache `npm ci` filled and asks the registry for nothing: without a
 * lock, npm would fetch each package's metadata to resolve versions.
 */
interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dev?: boolean;
  [field: string]: unknown;
}

interface Lockfile {
  name?: string;
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
}

export interface PackedSyncsim {
  /** The tarball's file name, next to the project's package.json. */
  tarball: string;
  /** sha512 SRI of the tarball. */
  integrity: string;
  /** syncsim's own package.json. */
  manifest: { version: string; dependencies: Record<string, string>; bin: unknown; engines: unknown; license: string };
}

export function consumerLockfile(repoLock: Lockfile, name: string, packed: PackedSyncsim): Lockfile {
  const packages: Record<string, LockEntry> = {
    '': { name, dependencies: { syncsim: `file:${packed.tarball}` } },
    'node_modules/syncsim': {
      version: packed.manifest.version,
      resolved: `file:${packed.tarball}`,
      integrity: packed.integrity,
      license: packed.manifest.license,
      dependencies: packed.manifest.dependencies,
      bin: packed.manifest.bin,
      engines: packed.manifest.engines,
    },
  };
  // syncsim's runtime dependencies: the repo's hoisted tree minus what only development needs.
  for (const [path, entry] of Object.entries(repoLock.packages))
    if (path.startsWith('node_modules/') && !entry.dev) packages[path] = entry;
  return { name, lockfileVersion: repoLock.lockfileVersion, packages };
}
