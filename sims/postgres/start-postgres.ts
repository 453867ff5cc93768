// The one entry point for getting a Postgres: chooses the provider (choose-postgres-kind.ts),
// says in one log line which one and why, and starts it.
import type { PostgresKind, PostgresServer } from './postgres-server.ts';
import { choosePostgresKind } from './choose-postgres-kind.ts';
import { connectUrlPostgres } from './connect-url-postgres.ts';
import { hasContainerRuntime } from './has-container-runtime.ts';
import { startEmbeddedPostgres } from './start-embedded-postgres.ts';
import { startTestcontainersPostgres } from './start-testcontainers-postgres.ts';

export interface StartPostgresOptions {
  /** 'auto' (default): DATABASE_URL, else a container runtime, else embedded. Env SYNCSIM_POSTGRES also forces one. */
  mode?: 'auto' | PostgresKind;
  log?: (line: string) => void;
  /** Where DATABASE_URL and SYNCSIM_POSTGRES are read from (default process.env). */
  env?: NodeJS.ProcessEnv;
}

export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  const log = options.log ?? (() => undefined);
  const env = options.env ?? process.env;
  const choice = await choosePostgresKind(options.mode, env, hasContainerRuntime);
  log(`postgres: using ${choice.kind} (${choice.reason})`);
  switch (choice.kind) {
    case 'url':
      return connectUrlPostgres(env['DATABASE_URL'] ?? '', { log });
    case 'testcontainers':
      return startTestcontainersPostgres({ log });
    case 'embedded':
      return startEmbeddedPostgres({ log });
  }
}
