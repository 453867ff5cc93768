// The mode-700 checkout: as root the server runs as the postgres OS user, which cannot reach
// binaries under a private directory. These tests build such a checkout (hard links of the real
// package under a mode-700 dir), show the postgres user really cannot run the binaries there,
// and that the binaries syncsim picks can.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isReachableByOthers } from './reachable-by-others.ts';
import { platformPackage, reachableBinaries, type PlatformPackage } from './postgres-binaries.ts';
import { postgresOsUser } from './postgres-os-user.ts';

const run = promisify(execFile);
const isRoot = process.getuid?.() === 0;
const scratch = existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();

/** Runs `binary --version` as the postgres OS user; resolves with stdout or the error code. */
async function versionAsPostgresUser(binary: string): Promise<string> {
  const user = await postgresOsUser();
  try {
    const { stdout } = await run(binary, ['--version'], { ...user, cwd: '/' });
    return stdout.trim();
  } catch (error) {
    return `failed: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
}

describe('reachable-by-others', () => {
  it('a file under a mode-700 directory is not reachable; under 755 it is', async () => {
    const dir = await mkdtemp(path.join(scratch, 'syncsim-reach-'));
    try {
      const file = path.join(dir, 'bin');
      await cp(process.execPath, file);
      await chmod(file, 0o755);
      await chmod(dir, 0o700);
      expect(isReachableByOthers(file)).toBe(false);
      await chmod(dir, 0o755);
      expect(isReachableByOthers(file)).toBe(true);
      await chmod(file, 0o700);
      expect(isReachableByOthers(file)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(isRoot)('the embedded binaries from a checkout only root can enter', () => {
  let privateDir: string;
  let cacheRoot: string;
  let privatePackage: PlatformPackage;

  beforeAll(async () => {
    const real = platformPackage();
    // Beside the real package (hard links cannot cross file systems), in the ignored .syncsim/.
    const here = path.join(path.dirname(path.dirname(path.dirname(real.root))), '.syncsim');
    await mkdir(here, { recursive: true });
    privateDir = await mkdtemp(path.join(here, 'private-checkout-'));
    cacheRoot = await mkdtemp(path.join(scratch, 'syncsim-cache-'));
    await chmod(cacheRoot, 0o755);
    const root = path.join(privateDir, 'node_modules', real.name);
    // Hard links: the same files, only reached through a private path (and fast to make).
    await mkdir(path.dirname(root), { recursive: true });
    await run('cp', ['-al', real.root, root]);
    await chmod(privateDir, 0o700);
    privatePackage = { ...real, root };
  });

  afterAll(async () => {
    await rm(privateDir, { recursive: true, force: true });
    await rm(cacheRoot, { recursive: true, force: true });
  });

  it('the postgres user cannot run them in place (the failure CI would see)', async () => {
    const inPlace = path.join(privatePackage.root, 'native', 'bin', 'initdb');
    expect(isReachableByOthers(inPlace)).toBe(false);
    expect(await versionAsPostgresUser(inPlace)).toBe('failed: EACCES');
  });

  it('syncsim runs a copy in a world-readable cache; two runs at once share one complete copy', async () => {
    const [first, second] = await Promise.all([
      reachableBinaries(privatePackage, cacheRoot),
      reachableBinaries(privatePackage, cacheRoot),
    ]);
    expect(first.home.startsWith(cacheRoot)).toBe(true);
    expect(second.home).toBe(first.home);
    expect(await versionAsPostgresUser(first.initdb)).toMatch(/^initdb \(PostgreSQL\) \d+/);
    expect(await versionAsPostgresUser(first.postgres)).toMatch(/^postgres \(PostgreSQL\) \d+/);
    // Only the finished copy is left: the loser of the rename removed its partial one.
    expect(await readdir(cacheRoot)).toEqual([
      path.basename(path.dirname(first.home)) === '' ? '' : path.basename(first.home),
    ]);
  });

  it('with no usable cache directory it stops with one line saying what to do', async () => {
    await expect(reachableBinaries(privatePackage, undefined)).rejects.toThrow(/set SYNCSIM_CACHE_DIR/);
  });
});
