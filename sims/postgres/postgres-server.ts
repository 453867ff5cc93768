// A running Postgres the harness may create databases on. Every provider (an external
// DATABASE_URL, a Testcontainers container, an embedded child process) answers to the same
// shape so templates, clones and resets never care where the server came from.

/** Where the server came from, in the order startPostgres() prefers them. */
export type PostgresKind = 'url' | 'testcontainers' | 'embedded';

export interface PostgresServer extends AsyncDisposable {
  readonly kind: PostgresKind;
  /** Superuser/owner connection string to the maintenance database ('postgres' or the one given). */
  readonly adminUrl: string;
  /** Major version: server_version_num / 10000, e.g. 18. */
  readonly version: number;
  /** The same server, another database. */
  urlFor(database: string): string;
  /** Idempotent; safe to call twice or concurrently. */
  stop(): Promise<void>;
}
