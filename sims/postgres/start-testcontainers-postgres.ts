// Postgres in a container when a runtime answers (developer laptops with Docker, CI with a
// Docker service). Same speed settings as the embedded server, data dir on tmpfs. Ryuk, the
// testcontainers reaper, removes the container if this process dies without stop().
// Not exercised on the machine this was written on (no Docker daemon): kept small and typed.
import type { PostgresServer } from './postgres-server.ts';
import { fastServerSettings, toPostgresFlags } from './fast-server-settings.ts';
import { queryServerVersion } from './query-server-version.ts';
import { urlForDatabase } from './url-for-database.ts';

export interface StartTestcontainersPostgresOptions {
  image?: string;
  log?: (line: string) => void;
}

export async function startTestcontainersPostgres(
  options: StartTestcontainersPostgresOptions = {},
): Promise<PostgresServer> {
  const image = options.image ?? 'postgres:18-alpine';
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer(image)
    .withDatabase('postgres')
    .withUsername('postgres')
    .withPassword('postgres')
    // PG 18 images declare the volume at /var/lib/postgresql (PGDATA is /var/lib/postgresql/18/docker).
    .withTmpFs({ '/var/lib/postgresql': 'rw' })
    // Same deterministic collation and encoding as the embedded server.
    .withEnvironment({ POSTGRES_INITDB_ARGS: '--encoding=UTF8 --locale=C --no-sync' })
    // listen_addresses and the unix socket stay at the image defaults: port mapping needs '*',
    // and the entrypoint's init phase and pg_isready health check use the socket.
    .withCommand(['postgres', ...toPostgresFlags(fastServerSettings)])
    .start();

  const adminUrl = container.getConnectionUri();
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= container.stop().then(() => undefined);
    return stopping;
  };
  try {
    const version = await queryServerVersion(adminUrl);
    options.log?.(`postgres: container ${image} (PG ${version}) at ${container.getHost()}:${container.getPort()}`);
    return {
      kind: 'testcontainers',
      adminUrl,
      version,
      urlFor: (database) => urlForDatabase(adminUrl, database),
      stop,
      [Symbol.asyncDispose]: stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
