// A server someone else owns, given as DATABASE_URL (a CI service container, a shared dev
// server). We use it as given and, on stop(), drop exactly the databases this process created
// and did not drop yet; templates are kept on purpose (they are the cache that makes the next
// run skip migrations) and nothing else is ever touched.
import type { PostgresServer } from './postgres-server.ts';
import { createdDatabases } from './created-databases.ts';
import { databaseUrlProblem } from './database-url-problem.ts';
import { dropDatabase } from './drop-database.ts';
import { queryServerVersion } from './query-server-version.ts';
import { urlForDatabase } from './url-for-database.ts';

export interface ConnectUrlPostgresOptions {
  log?: (line: string) => void;
}

export async function connectUrlPostgres(
  url: string,
  options: ConnectUrlPostgresOptions = {},
): Promise<PostgresServer> {
  const problem = databaseUrlProblem(url);
  if (problem) throw new Error(problem);
  const version = await queryServerVersion(url).catch((error: unknown) => {
    const parsed = new URL(url);
    // ECONNREFUSED on a host with two addresses is an AggregateError with an empty message.
    const message = (error instanceof Error ? error.message : String(error)) || errorCode(error);
    throw new Error(
      `cannot connect to DATABASE_URL (${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}): ${message}`,
      {
        cause: error,
      },
    );
  });
  let stopping: Promise<void> | undefined;
  const server: PostgresServer = {
    kind: 'url',
    adminUrl: url,
    version,
    urlFor: (database) => urlForDatabase(url, database),
    stop() {
      stopping ??= (async () => {
        for (const name of createdDatabases.of(server)) {
          await dropDatabase(server, name);
          createdDatabases.delete(server, name);
        }
      })();
      return stopping;
    },
    [Symbol.asyncDispose]() {
      return server.stop();
    },
  };
  const { hostname, port } = new URL(url);
  options.log?.(`postgres: PG ${version} at ${hostname}:${port || 5432} from DATABASE_URL`);
  return server;
}

function errorCode(error: unknown): string {
  return (error as { code?: string } | null)?.code ?? 'connection failed';
}
