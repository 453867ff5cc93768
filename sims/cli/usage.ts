/** Help texts, one per command, printed by --help and after a usage error's one line. */
export const USAGE: Record<string, string> = {
  main: `syncsim - prove that Postgres stays consistent with the systems beside it

Usage:
  syncsim check [--seed N] [--shard I/N] [--junit FILE]  run every scenario (the CI gate)
  syncsim run <scenario>[:<variant>] [options]           run or replay one scenario
  syncsim reproduce <scenario> [options]                 run every variant side by side
  syncsim diff <scenario> <old> <new> [options]          run two variants on the same cases, compare
  syncsim validate-migration <migration> [--world W] [--snapshot FILE]   check a migration, criterion by criterion
  syncsim list [--json]                                  list the discovered scenarios and variants
  syncsim init                                           write syncsim.config.ts and an example scenario
  syncsim fake stream [--port P] [--seed N]              serve the Stream Chat fake over HTTP
  syncsim fake motopress [--port P] [--seed N]           serve the MotoPress fake over HTTP
  syncsim audit stream [--gym-id N|all] [--json FILE]    the gym app's Stream <-> Postgres audit (read-only)
  syncsim repair stream [--gym-id N|all] [--apply] [--export-dir DIR]   ... and its repair (dry-run default)
  syncsim migrate stream-ids --gym-id N [--apply]        legacy Stream user ids to gym_{g}_user_{u} (dry-run default)
  syncsim snapshot stream [--gym-id N] --out FILE [--keep-text]   Stream app + chat tables as JSON (read-only)
  syncsim <command> --help
  syncsim --version
  --debug (with any command) adds the stack to an error's one line

Scenarios are found, not registered: every **/*.scenario.ts under the folders syncsim.config.ts
names (default scenarios/).
Exit codes: 0 all hold, 1 an invariant broke, 2 inconclusive, 3 harness error or bad input,
130/143 interrupted (SIGINT/SIGTERM). Seeds: -2147483648..2147483647 (--seed -5 works).
Postgres: DATABASE_URL if set, else Testcontainers if Docker answers, else embedded
(force with SYNCSIM_POSTGRES=embedded|testcontainers|url).`,
  check: `Usage: syncsim check [FOLDER...] [--seed N] [--shard I/N] [--junit FILE] [--html FILE] [--migrations DIR]
                     [--runs N] [--verify-determinism]

Runs every variant of every discovered scenario as a test of its expectation (holds holds;
breaks breaks the invariants it names), plus the hand-written *.test.ts files in the scenario
folders, through vitest on one Postgres server. FOLDERs replace the configured scenario folders.
  --seed N           run every scenario with this fast-check seed (default: random per run)
  --shard I/N        run only the I-th of N slices of the scenario files (split CI machines)
  --junit FILE       also write a JUnit XML report to FILE
  --html FILE        also write the runs that did not meet their expectation as one HTML timeline
  --migrations DIR   use this folder of .sql migrations instead of src/db/migrations
  --runs N           give every property at least N cases (default: each scenario's budget)
  --verify-determinism  run each reported case and a sample of passing cases twice more and
                     compare their histories byte for byte (a difference: harness error, exit 3)
Exit: 0 every scenario met its expectation, 1 an invariant broke, 2 inconclusive, 3 harness error
or bad input, 130/143 interrupted.`,
  run: `Usage: syncsim run <scenario>[:<variant>] [--seed N] [--path P] [--runs N] [--json FILE] [--html FILE]
                   [--trace FILE] [--migrations DIR] [--max-steps N] [--schedule S] [--verify-determinism]

Runs one variant of a scenario (default: the scenario's fixed variant) or replays one case.
  --seed N          fast-check seed (default: random, printed)
  --path P          replay the case at this path (from a failure's replay line); needs --seed
  --runs N          number of generated cases (default: the scenario's)
  --json FILE       write the result, including the full history, as JSON
  --html FILE       write the reported case as a self-contained HTML timeline: a lane per actor,
                    webhooks and faults, the operations the violation names outlined, the replay line
  --trace FILE      write the reported case as a Chrome trace-event JSON file for ui.perfetto.dev
  --migrations DIR  use this folder of .sql migrations instead of src/db/migrations
  --max-steps N     scheduler steps one case may take before it is reported cut short (default 20000)
  --schedule S      replay the case at --path under this schedule (a failure's replay line gives its
                    minimal one): departures from the default policy, task@after,...; a departure
                    whose task does not exist is skipped, past the last the default policy decides
  --verify-determinism  run the reported case and a sample of passing cases twice more and
                    compare their histories byte for byte (a difference: harness error, exit 3)
Exit: 0 held, 1 an invariant broke, 2 inconclusive (a variant expected to break held), 3 harness
error or bad input, 130/143 interrupted (the failure found so far is printed with its replay line).`,
  reproduce: `Usage: syncsim reproduce <scenario> [--json FILE] [--html FILE] [--trace FILE] [--migrations DIR]

Runs every variant of a scenario (e.g. before, after), prints them side by side with the
invariants each broke, and exits 0 only when every variant met its expectation.
  --json FILE       write all variants' results as JSON
  --html FILE       write every variant's reported case as one HTML timeline (a section each)
  --trace FILE      write every variant's reported case as one trace for ui.perfetto.dev
  --migrations DIR  use this folder of .sql migrations instead of src/db/migrations
Exit: 0 every variant met its expectation, 1 one broke unexpectedly, 2 a variant expected to break
held, 3 harness error or bad input, 130/143 interrupted.`,
  'validate-migration': `Usage: syncsim validate-migration <migration> [--world <scenario>] [--snapshot FILE]
                                  [--scope K=V[,K=V]] [--seed N] [--runs N | --path P] [--json FILE]
                                  [--html FILE] [--trace FILE]

Runs a migration against a scenario's world (one that declares \`migration:\`) and prints one
verdict per criterion with its evidence and, on failure, a replay line: 1 dry-run = apply,
2 crash before every I/O step of an uncrashed run (and a lost response at every write), then
resume: same end state, 3 a second run writes nothing, 4 nothing outside the scope changes,
5 failures past the threshold stop the run and a later run finishes, 6 the world's invariants
hold after the run, 7 the same with the app's actors running concurrently, searched over
interleavings and faults (cases run and cases/s printed), 8 under the world's rate limits no
request is refused (simulated duration against the floor the limits allow).
  <migration>    a built-in name the world binds (e.g. stream-ids) or the path of a module whose
                 default export is { name, plan(deps, scope), apply(deps, plan) } (see README)
  --world W      the scenario whose world it runs on (default: the only one declaring migrations)
  --snapshot FILE  run on a real app's state (syncsim snapshot stream) loaded into the test database
                 and the fakes instead of the world's own; a malformed file is one line naming its
                 first bad field, exit 3, nothing run
  --scope K=V    the scope, e.g. gym=4 (default: the world's)
  --seed N       seed of the world's input, scheduling and the live-traffic search (default: random, printed)
  --runs N       cases of the live-traffic search (default 20)
  --path P       replay only the live-traffic case at P (from criterion 7's replay line; needs --seed)
  --json FILE    also write the verdicts as JSON
  --html FILE    draw the runs behind each failed criterion (else the uncrashed run) as one HTML timeline
  --trace FILE   the same runs as a trace for ui.perfetto.dev
Exit: 0 every criterion passed, 1 one failed, 2 inconclusive, 3 harness error or bad input (a
module that does not load or lacks part of the contract: one line naming what is missing).`,
  diff: `Usage: syncsim diff <scenario> <old-variant> <new-variant> [--seed N] [--path P] [--runs N] [--json FILE]
                    [--html FILE] [--trace FILE] [--migrations DIR] [--max-steps N]

Runs every generated case on both variants with the same input, world, fault plan and scheduling
seed, and compares what each left behind (Postgres tables, the fakes' state, session files) and
what each actor returned or threw. The old variant is first run twice on the first cases: what
differs between those identical runs is noise, printed and ignored. A difference is shrunk and
printed with the first divergence, both histories from where they part, and one replay line.
  --seed N          fast-check seed (default: random, printed)
  --path P          replay the case at this path (from a difference's replay line); needs --seed
  --runs N          number of generated cases (default: the scenario's)
  --json FILE       write the result (divergences, both histories, noise, latency) as JSON
  --html FILE       write the reported case as one HTML timeline page, old and new a section each
  --trace FILE      write the reported case's two histories as Chrome trace-event JSON (ui.perfetto.dev)
  --migrations DIR  use this folder of .sql migrations instead of src/db/migrations
  --max-steps N     scheduler steps one case may take before it is reported cut short (default 20000)
Exit: 0 no difference, 1 a difference, 2 inconclusive (the old variant differs from itself in what
its actors did), 3 harness error or bad input (an unknown scenario or variant), 130/143 interrupted.`,
  fake: `Usage: syncsim fake stream [--port P] [--seed N] [--api-key K --api-secret S] [--webhook-url URL]
       syncsim fake motopress [--port P] [--seed N] [--consumer-key K --consumer-secret S] [--strict-https]

Serves the Stream Chat or MotoPress Hotel Booking fake as a real HTTP server on 127.0.0.1
(port 0 = any free port), with a seeded world when --seed is given, and prints its base URL
and credentials. Ctrl-C or SIGTERM stops it (exit 0); a port in use is exit 3.
Stream sends webhooks as the real service does (signed X-Signature, X-Webhook-Id, retries):
  --webhook-url URL  POST every event to this http(s) URL from the start; PATCH /app
                     (client.updateAppSettings: webhook_url, event_hooks) changes it while running
MotoPress over http:// takes OAuth 1.0a signed requests (what WooCommerce-style clients send,
timestamps checked against this machine's clock). It also takes Basic auth and
?consumer_key=&consumer_secret=, which the real plugin accepts over HTTPS only:
  --strict-https   refuse Basic and query keys on plain HTTP, as the plugin does`,
  list: `Usage: syncsim list [--json]

Prints every discovered scenario id with its variants and what each is expected to do.
  --json   the same as JSON: id, kind, title, file, defaultVariant, variants (name, expect, breaks, runs)`,
  init: `Usage: syncsim init

Writes syncsim.config.ts and scenarios/example/counter.scenario.ts into the current folder (a
scenario that races two workers on a counter: one variant breaks, one holds). Refuses to
overwrite either file.`,
};
