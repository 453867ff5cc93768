// Server settings for a throwaway test server: durability is traded for speed (a crash loses a
// test run, never data), and background work that would compete for the two CPUs of a CI
// runner, or make timings depend on when a daemon woke up, is switched off.

/** `-c name=value` settings shared by the embedded server and the container. */
export const fastServerSettings: readonly string[] = [
  // No durability needed: the data dir dies with the run.
  'fsync=off',
  'synchronous_commit=off',
  'full_page_writes=off',
  // Least WAL: nothing replicates from a test server (minimal requires max_wal_senders=0).
  'wal_level=minimal',
  'max_wal_senders=0',
  // No time-triggered checkpoints (FILE_COPY clones force their own). WAL lives in RAM on tmpfs,
  // so keep a size trigger: a checkpoint every 256 MB of WAL caps what a long run pins in memory.
  'checkpoint_timeout=1d',
  'max_wal_size=256MB',
  // Autovacuum off: databases live for one test file, tables hold ~100 rows between resets, and
  // an autovacuum worker waking mid-case steals one of two cores and adds timing noise.
  'autovacuum=off',
  // JIT compiles only pay off for long analytic queries; on tiny test tables it is pure latency.
  'jit=off',
  // Fail fast on deadlocks the scenarios provoke on purpose (default 1 s).
  'deadlock_timeout=100ms',
  // Many test files x pools x the scheduler's monitor connection.
  'max_connections=200',
  // Deterministic timestamptz rendering regardless of the host's TZ.
  'TimeZone=UTC',
];

/** The settings as a postgres/docker command line: ['-c', 'fsync=off', ...]. */
export function toPostgresFlags(settings: readonly string[]): string[] {
  return settings.flatMap((setting) => ['-c', setting]);
}
