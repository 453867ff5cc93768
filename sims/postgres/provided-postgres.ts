// What the vitest global setup hands to test workers (through project.provide / inject): how
// to reach the run's one server and which template holds the migrated schema. Workers rebuild
// a PostgresServer view from it; only the global setup may stop the real server.
import type { PostgresKind, PostgresServer } from './postgres-server.ts';
import { urlForDatabase } from './url-for-database.ts';

export interface ProvidedPostgres {
  kind: PostgresKind;
  adminUrl: string;
  version: number;
  /** Folder the template was built from. */
  migrationsDir: string;
  /** Template with the migrations applied; null when they could not be loaded or applied. */
  template: string | null;
  /** Why template is null (missing folder, failing migration), shown by useTestDatabase(). */
  templateError: string | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    syncsimPostgres: ProvidedPostgres;
  }
}

/** A PostgresServer for a worker: same server, but stop() is a no-op (the global setup owns it). */
export function serverFromProvided(provided: ProvidedPostgres): PostgresServer {
  const stop = (): Promise<void> => Promise.resolve();
  return {
    kind: provided.kind,
    adminUrl: provided.adminUrl,
    version: provided.version,
    urlFor: (database) => urlForDatabase(provided.adminUrl, database),
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
