// The pristine data dir cache: the first start runs initdb and keeps a copy; the next copies it,
// and a server really starts from that copy (modes and ownership kept, as Postgres demands).
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initialiseDataDir } from './initialise-data-dir.ts';
import { pickFreePort } from './pick-free-port.ts';
import { postgresBinaries } from './postgres-binaries.ts';
import { postgresOsUser } from './postgres-os-user.ts';
import { queryServerVersion } from './query-server-version.ts';
import { startPostmaster } from './run-postgres-process.ts';

const scratch = existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
const flags = ['--auth=trust', '--username=postgres', '--no-sync', '--locale=C', '--encoding=UTF8'];
const made: string[] = [];

async function freshDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(scratch, prefix));
  made.push(dir);
  await chmod(dir, 0o755);
  return dir;
}

afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

describe('initialiseDataDir', () => {
  it('initdb once, then copies of the pristine dir that a server starts from', async () => {
    const binaries = await postgresBinaries();
    const user = await postgresOsUser();
    const cacheRoot = await freshDir('syncsim-test-cache-');
    const parent = await freshDir('syncsim-test-data-');
    const options = { binaries, initdbFlags: flags, user, cacheRoot, log: () => undefined };

    const first = path.join(parent, 'first');
    const second = path.join(parent, 'second');
    expect(await initialiseDataDir({ ...options, dataDir: first })).toBe('initdb');
    expect(await initialiseDataDir({ ...options, dataDir: second })).toBe('cache');
    // Other flags are another key: no stale copy is used for a different cluster.
    const third = path.join(parent, 'third');
    expect(
      await initialiseDataDir({ ...options, initdbFlags: [...flags, '--no-data-checksums'], dataDir: third }),
    ).toBe('initdb');

    const info = await stat(second);
    expect(info.mode & 0o777).toBe(0o700);
    if (user) expect(info.uid).toBe(user.uid);

    const port = await pickFreePort();
    const child = await startPostmaster(
      binaries.postgres,
      port,
      ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      { dataDir: second, user, log: () => undefined },
    );
    try {
      expect(await queryServerVersion(`postgres://postgres@127.0.0.1:${port}/postgres`)).toBeGreaterThanOrEqual(14);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
    }
  });

  it('an unreadable cache falls back to initdb', async () => {
    const binaries = await postgresBinaries();
    const user = await postgresOsUser();
    const parent = await freshDir('syncsim-test-data-');
    const missingRoot = path.join(parent, 'no-such-cache-root');
    const origin = await initialiseDataDir({
      binaries,
      initdbFlags: flags,
      user,
      cacheRoot: missingRoot,
      dataDir: path.join(parent, 'dir'),
      log: () => undefined,
    });
    expect(origin).toBe('initdb');
    expect(existsSync(path.join(parent, 'dir', 'PG_VERSION'))).toBe(true);
  });
});
