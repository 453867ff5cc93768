/** Help texts, one per command, printed by --help and after a usage error's one line. */
export const USAGE: Record<string, string> = {
  main: `syncsim - prove that Postgres stays consistent with the systems beside it

Usage:
  syncsim check [--seed N] [--shard I/N] [--junit FILE]  run every scenario (the CI gate)
  syncsim run <scenario>[:<variant>] [options]           run or replay one scenario
  syncsim reproduce <scenario> [--json FILE]             run every variant side by side
  syncsim list                                           list scenarios and variants
  syncsim fake stream [--port P] [--seed N]              serve the Stream Chat fake over HTTP
  syncsim fake motopress [--port P] [--seed N]           serve the MotoPress fake over HTTP
  syncsim <command> --help

Exit codes: 0 all hold, 1 an invariant broke, 2 inconclusive, 3 harness error.
Postgres: DATABASE_URL if set, else Testcontainers if Docker answers, else embedded
(force with SYNCSIM_POSTGRES=embedded|testcontainers|url).`,
  check: `Usage: syncsim check [--seed N] [--shard I/N] [--junit FILE] [--migrations DIR]

Runs every scenario test (scenarios/**/*.test.ts) through vitest on one Postgres server.
  --seed N           run every scenario with this fast-check seed (default: random per run)
  --shard I/N        run only the I-th of N slices of the scenario files (split CI machines)
  --junit FILE       also write a JUnit XML report to FILE
  --migrations DIR   use this folder of .sql migrations instead of src/db/migrations
  --runs N           give every property at least N cases (default: each scenario's budget)
  --verify-determinism  run each reported case and a sample of passing cases twice more and
                     compare their histories byte for byte (a difference: harness error, exit 3)
Exit: 0 every scenario met its expectation, 1 an invariant broke, 2 inconclusive, 3 harness error.`,
  run: `Usage: syncsim run <scenario>[:<variant>] [--seed N] [--path P] [--runs N] [--json FILE] [--migrations DIR]

Runs one variant of a scenario (default: the scenario's fixed variant) or replays one case.
  --seed N          fast-check seed (default: random, printed)
  --path P          replay the case at this path (from a failure's replay line); needs --seed
  --runs N          number of generated cases (default: the scenario's)
  --json FILE       write the result, including the full history, as JSON
  --migrations DIR  use this folder of .sql migrations instead of src/db/migrations
  --max-steps N     scheduler steps one case may take before it is reported cut short (default 20000)
  --verify-determinism  run the reported case and a sample of passing cases twice more and
                    compare their histories byte for byte (a difference: harness error, exit 3)
Exit: 0 held, 1 an invariant broke, 2 inconclusive, 3 harness error.`,
  reproduce: `Usage: syncsim reproduce <scenario> [--json FILE] [--migrations DIR]

Runs every variant of a scenario (e.g. before, after), prints them side by side with the
invariants each broke, and exits 0 only when every variant met its expectation.
  --json FILE       write all variants' results as JSON`,
  fake: `Usage: syncsim fake stream [--port P] [--seed N] [--api-key K --api-secret S]
       syncsim fake motopress [--port P] [--seed N] [--consumer-key K --consumer-secret S]

Serves the Stream Chat or MotoPress Hotel Booking fake as a real HTTP server on 127.0.0.1
(port 0 = any free port), with a seeded world when --seed is given, and prints its base URL
and credentials. Ctrl-C stops it.`,
  list: `Usage: syncsim list

Prints every scenario id with its variants and what each is expected to do.`,
};
