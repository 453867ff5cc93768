#!/usr/bin/env node
/* global process, URL, setTimeout */
// The `syncsim` command. Inside the syncsim repo it runs the TypeScript sources; installed from
// npm it runs the compiled dist/ (Node 20 cannot load TypeScript from node_modules). Either way
// tsx is registered, because the project's own syncsim.config.ts and *.scenario.ts are TypeScript.
import { existsSync } from 'node:fs';
import { register as registerHooks } from 'node:module';
import { register } from 'tsx/esm/api';

const sources = new URL('../sims/cli/main.ts', import.meta.url);
const fromSources = existsSync(sources);
register();
if (fromSources) {
  // Scenarios here import `syncsim` by name, as a user's do; this condition (package.json
  // exports) points that at the sources instead of a dist/ that is only built for packing.
  registerHooks(
    'data:text/javascript,export function resolve(s, c, next) { return next(s, { ...c, conditions: [...c.conditions, "syncsim-source"] }); }',
  );
}
const argv = process.argv.slice(2);
if (argv[0] === 'audit' || argv[0] === 'repair') {
  // The gym app's chat operator commands (src/chat/stream-ops-cli.ts): the real module run against
  // a real Stream app and database. They live in src/, which the harness (sims/) may not import,
  // so the command's edge routes them; the real clock is theirs for Stream's 429 waits.
  const ops = new URL('../src/chat/stream-ops-cli.ts', import.meta.url);
  const { streamOpsCli } = await import(fromSources ? ops.href : '../dist/src/chat/stream-ops-cli.js');
  process.stdout.on('error', () => undefined);
  process.exitCode = await streamOpsCli(argv, {
    env: process.env,
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    clock: { now: () => Date.now(), sleep: (ms) => new Promise((done) => setTimeout(done, ms)) },
  });
} else if (argv[0] === 'migrate') {
  // Incident B's migration (src/chat/migrate-tenant-ids), routed here for the same reason as
  // audit/repair: it is the real module, which the harness may not import.
  const migrate = new URL('../src/chat/migrate-tenant-ids/migrate-stream-ids-cli.ts', import.meta.url);
  const { migrateStreamIdsCli } = await import(
    fromSources ? migrate.href : '../dist/src/chat/migrate-tenant-ids/migrate-stream-ids-cli.js'
  );
  process.stdout.on('error', () => undefined);
  process.exitCode = await migrateStreamIdsCli(argv, {
    env: process.env,
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    // The migration paces its Stream requests by the rate-limit headers on this clock.
    clock: { now: () => Date.now(), sleep: (ms) => new Promise((done) => setTimeout(done, ms)) },
  });
} else if (argv[0] === 'snapshot') {
  // A read-only capture of the gym app's Stream app and chat tables (src/chat/stream-snapshot),
  // for validate-migration --snapshot; routed here like audit: it is the app's module.
  const snapshot = new URL('../src/chat/stream-snapshot/snapshot-stream-cli.ts', import.meta.url);
  const { snapshotStreamCli } = await import(
    fromSources ? snapshot.href : '../dist/src/chat/stream-snapshot/snapshot-stream-cli.js'
  );
  process.stdout.on('error', () => undefined);
  process.exitCode = await snapshotStreamCli(argv, {
    env: process.env,
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    clock: { now: () => Date.now(), sleep: (ms) => new Promise((done) => setTimeout(done, ms)) },
  });
} else {
  const { main } = await import(fromSources ? sources.href : '../dist/sims/cli/main.js');
  // Wall-clock reads happen only here, at the process edge: src/, fakes/ and sims/ may not read
  // the real time (replays must not depend on it), but the standalone MotoPress fake has to accept
  // OAuth timestamps signed by real clients, so the real time is injected from here.
  process.exitCode = await main(argv, { wallClock: () => Date.now() });
}
