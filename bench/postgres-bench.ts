/**
 * Postgres provisioning benchmark (sims/postgres): what a run pays before and between cases.
 *   - cold start: startPostgres() until a fresh client's first query is answered (target <= 1 s)
 *   - template: ensureTemplate() building the migrated template once, and reusing it
 *   - clone: createTestDatabase() (CREATE DATABASE ... TEMPLATE ... STRATEGY FILE_COPY) and drop
 *   - per case: resetDatabase() + inserting a ~100-row world + a small workload
 *     (target: reset + world <= 5 ms median), with TRUNCATE ... RESTART IDENTITY as the
 *     alternative it was measured against.
 * Uses the real schema (src/db/migrations, or SYNCSIM_MIGRATIONS); when it is missing or the
 * world below no longer fits it, falls back to a scratch schema and says so.
 * Run: npx tsx bench/postgres-bench.ts
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createTestDatabase } from '../sims/postgres/create-test-database.ts';
import { defaultMigrationsDir } from '../sims/postgres/default-migrations-dir.ts';
import { ensureTemplate } from '../sims/postgres/ensure-template.ts';
import { loadMigrations, type Migrations } from '../sims/postgres/load-migrations.ts';
import type { PostgresKind, PostgresServer } from '../sims/postgres/postgres-server.ts';
import { resetDatabase } from '../sims/postgres/reset-database.ts';
import { startPostgres } from '../sims/postgres/start-postgres.ts';

export interface PostgresMeasurements {
  kind: PostgresKind;
  version: number;
  /** Which schema the template and the per-case world used. */
  schema: string;
  coldStartMs: number;
  coldStartRunsMs: number[];
  stopMs: number;
  templateMs: number;
  templateReuseMs: number;
  cloneMs: number;
  dropMs: number;
  worldRows: number;
  worldTables: number;
  cases: number;
  /** resetDatabase() alone (median). */
  resetMedianMs: number;
  /** reset + world insert: the per-case cost the <= 5 ms target is about (median). */
  caseMedianMs: number;
  caseP90Ms: number;
  worldMedianMs: number;
  workloadMedianMs: number;
  /** reset + world + workload (median). */
  caseWithWorkloadMedianMs: number;
  /**
   * reset issued on a SECOND connection, world on the first (median, interleaved with the
   * above): the reset's session_replication_role switch flushes only its own session's plan
   * cache, so the world connection keeps its foreign-key check plans.
   */
  caseResetElsewhereMedianMs: number;
  worldAfterResetElsewhereMedianMs: number;
  /** The alternative: TRUNCATE every table RESTART IDENTITY CASCADE, then the same world (median). */
  truncateCaseMedianMs: number;
}

export interface MeasurePostgresOptions {
  coldRuns?: number;
  cases?: number;
  clones?: number;
  log?: (line: string) => void;
}

interface World {
  rows: number;
  tables: number;
  /** One multi-statement query: one round trip. */
  insert: string;
  workload: (client: pg.ClientBase) => Promise<void>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

/** VALUES lists for n rows, 1-based. */
function values(n: number, row: (i: number) => string): string {
  return Array.from({ length: n }, (_, index) => `(${row(index + 1)})`).join(', ');
}

const tenantA = '76785d81-292b-4386-8a97-d6a54abb081d';
const tenantB = '0b7e3a52-6f6c-4c1e-9d2e-3f0a8c1b2d4e';

// 100 rows over 11 tables of src/db/migrations (0001_gym, 0002_crm, 0003_hotel). Ids come from
// the identity columns, so this only inserts cleanly if every reset restarted them at 1.
const realWorld: World = {
  rows: 3 + 20 + 20 + 6 + 10 + 20 + 2 + 8 + 2 + 5 + 4,
  tables: 11,
  insert: [
    `INSERT INTO gyms (name) VALUES ${values(3, (i) => `'Gym ${i}'`)};`,
    `INSERT INTO users (name, email) VALUES ${values(20, (i) => `'User ${i}', 'user${i}@example.test'`)};`,
    `INSERT INTO gym_memberships (gym_id, user_id, role) VALUES ${values(20, (i) => `${(i % 3) + 1}, ${i}, '${i % 7 === 0 ? 'trainer' : 'member'}'`)};`,
    `INSERT INTO events (gym_id, title, starts_at) VALUES ${values(6, (i) => `${(i % 3) + 1}, 'Class ${i}', '2025-01-0${i} 10:00Z'`)};`,
    `INSERT INTO chat_rooms (gym_id, stream_channel_id, name, kind, event_id) VALUES ${values(10, (i) =>
      i <= 6
        ? `${(i % 3) + 1}, 'event_${i}_d3d94468', 'Event room ${i}', 'event', ${i}`
        : `${(i % 3) + 1}, 'room-general-${i}', 'General ${i}', 'group', NULL`,
    )};`,
    `INSERT INTO chat_room_members (room_id, user_id) VALUES ${values(20, (i) => `${(i % 10) + 1}, ${i}`)};`,
    `INSERT INTO channel_connections (tenant, name, phone_number_id) VALUES ${values(2, (i) => `'tenant-${i}', 'WhatsApp ${i}', '10000000${i}'`)};`,
    `INSERT INTO crm_conversations (phone, phone_number_id, channel_connection_id, assigned_to) VALUES ${values(
      8,
      (i) => `'5194300${1000 + i}', '10000000${(i % 2) + 1}', ${(i % 2) + 1}, ${i % 3 === 0 ? "'bot'" : 'NULL'}`,
    )};`,
    `INSERT INTO tenants (id, name, motopress_base_url) VALUES ('${tenantA}', 'INDO', 'https://indo.example'), ('${tenantB}', 'Other', NULL);`,
    `INSERT INTO hotels.accommodation_units (tenant_id, motopress_id, motopress_type_id, title) VALUES ${values(
      5,
      (i) => `'${i <= 3 ? tenantA : tenantB}', ${100 + i}, ${10 + (i % 2)}, 'Unit ${i}'`,
    )};`,
    `INSERT INTO guest_reservations (tenant_id, external_booking_id, status, check_in_date, check_out_date, accommodation_unit_id) VALUES ${values(
      4,
      (i) => `'${tenantA}', ${2430 + i}, 'confirmed', '2025-02-0${i}', '2025-02-0${i + 1}', ${i === 4 ? 'NULL' : i}`,
    )};`,
  ].join('\n'),
  async workload(client) {
    await client.query(
      'UPDATE crm_conversations SET unread_count = unread_count + 1 WHERE id = $1 RETURNING unread_count',
      [3],
    );
    await client.query(
      'SELECT r.id, u.title FROM guest_reservations r LEFT JOIN hotels.accommodation_units u ON u.id = r.accommodation_unit_id WHERE r.tenant_id = $1',
      [tenantA],
    );
    await client.query(
      'INSERT INTO chat_room_members (room_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [7, 20],
    );
  },
};

const scratchSchema: Record<string, string> = {
  '001_scratch.sql': `
create table gyms (id bigint generated by default as identity primary key, name text not null);
create table users (id bigint generated by default as identity primary key, name text not null, email text unique);
create table gym_memberships (gym_id bigint not null references gyms (id), user_id bigint not null references users (id), primary key (gym_id, user_id));
create table chat_rooms (id bigint generated by default as identity primary key, gym_id bigint not null references gyms (id), stream_channel_id text not null unique);
create table chat_room_members (room_id bigint not null references chat_rooms (id), user_id bigint not null references users (id), primary key (room_id, user_id));
`,
};

const scratchWorld: World = {
  rows: 5 + 35 + 35 + 10 + 15,
  tables: 5,
  insert: [
    `INSERT INTO gyms (name) VALUES ${values(5, (i) => `'Gym ${i}'`)};`,
    `INSERT INTO users (name, email) VALUES ${values(35, (i) => `'User ${i}', 'user${i}@example.test'`)};`,
    `INSERT INTO gym_memberships (gym_id, user_id) VALUES ${values(35, (i) => `${(i % 5) + 1}, ${i}`)};`,
    `INSERT INTO chat_rooms (gym_id, stream_channel_id) VALUES ${values(10, (i) => `${(i % 5) + 1}, 'room-${i}'`)};`,
    `INSERT INTO chat_room_members (room_id, user_id) VALUES ${values(15, (i) => `${(i % 10) + 1}, ${i}`)};`,
  ].join('\n'),
  async workload(client) {
    await client.query('UPDATE gyms SET name = name || $1 WHERE id = $2', ['!', 2]);
    await client.query(
      'SELECT r.id, count(m.user_id) FROM chat_rooms r LEFT JOIN chat_room_members m ON m.room_id = r.id GROUP BY r.id',
    );
    await client.query(
      'INSERT INTO chat_room_members (room_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [7, 20],
    );
  },
};

async function measureColdStart(runs: number): Promise<{ runsMs: number[]; stopMs: number[] }> {
  const runsMs: number[] = [];
  const stopMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const server = await startPostgres({ log: () => undefined });
    try {
      const client = new pg.Client({ connectionString: server.adminUrl });
      await client.connect();
      await client.query('SELECT 1');
      runsMs.push(performance.now() - started);
      await client.end();
    } finally {
      stopMs.push((await timed(() => server.stop()))[1]);
    }
  }
  return { runsMs, stopMs };
}

/** The real schema and world when they fit, else the scratch ones. */
async function pickSchema(
  server: PostgresServer,
  log: (line: string) => void,
): Promise<{ migrations: Migrations; world: World; schema: string; cleanup: () => Promise<void> }> {
  const dir = defaultMigrationsDir();
  try {
    const migrations = await loadMigrations(dir);
    const template = await ensureTemplate(server, migrations);
    await using probe = await createTestDatabase(server, template, 'bench_probe');
    const client = new pg.Client({ connectionString: probe.url });
    await client.connect();
    try {
      await client.query(realWorld.insert);
      await realWorld.workload(client);
    } finally {
      await client.end();
    }
    return {
      migrations,
      world: realWorld,
      schema: path.relative(process.cwd(), dir) || dir,
      cleanup: () => Promise.resolve(),
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    log(`NOTE: real schema not usable (${reason}); using the bench's scratch schema instead`);
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'syncsim-bench-'));
    for (const [name, sql] of Object.entries(scratchSchema)) await writeFile(path.join(scratch, name), sql);
    return {
      migrations: await loadMigrations(scratch),
      world: scratchWorld,
      schema: 'scratch schema (bench/postgres-bench.ts)',
      cleanup: () => rm(scratch, { recursive: true, force: true }),
    };
  }
}

/** Only matters on a DATABASE_URL server: do not leave the bench's own template behind. */
async function dropTemplate(server: PostgresServer, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE ${admin.escapeIdentifier(name)} WITH IS_TEMPLATE false`);
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
}

async function truncateStatement(client: pg.ClientBase): Promise<string> {
  const { rows } = await client.query<{ list: string }>(`
    SELECT string_agg(format('%I.%I', n.nspname, c.relname), ', ') AS list
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'syncsim') AND n.nspname NOT LIKE 'pg\\_%'`);
  return `TRUNCATE ${rows[0]?.list ?? ''} RESTART IDENTITY CASCADE`;
}

export async function measurePostgres(options: MeasurePostgresOptions = {}): Promise<PostgresMeasurements> {
  const log = options.log ?? (() => undefined);
  const cases = options.cases ?? 200;
  const cold = await measureColdStart(options.coldRuns ?? 5);
  log(`cold start runs: ${cold.runsMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);

  await using server = await startPostgres({ log });
  const picked = await pickSchema(server, log);
  const cleanups: (() => Promise<void>)[] = [picked.cleanup];
  try {
    // A hash of its own so the first ensureTemplate really builds (the template of the real
    // hash exists already, from pickSchema or, on a DATABASE_URL server, from earlier runs).
    const fresh: Migrations = {
      ...picked.migrations,
      hash: createHash('sha256')
        .update(`${picked.migrations.hash} bench ${process.pid} ${performance.now()}`)
        .digest('hex'),
    };
    const [template, templateMs] = await timed(() => ensureTemplate(server, fresh));
    const [, templateReuseMs] = await timed(() => ensureTemplate(server, fresh));
    cleanups.push(() => dropTemplate(server, template));

    const cloneMs: number[] = [];
    const dropMs: number[] = [];
    for (let i = 0; i < (options.clones ?? 10); i++) {
      const [database, ms] = await timed(() => createTestDatabase(server, template, 'bench_clone'));
      cloneMs.push(ms);
      dropMs.push((await timed(() => database.drop()))[1]);
    }

    await using database = await createTestDatabase(server, template, 'bench');
    const client = new pg.Client({ connectionString: database.url });
    const resetClient = new pg.Client({ connectionString: database.url });
    await client.connect();
    await resetClient.connect();
    const reset: number[] = [];
    const world: number[] = [];
    const workload: number[] = [];
    const elsewhere: number[] = [];
    const worldElsewhere: number[] = [];
    const truncate: number[] = [];
    try {
      for (let i = 0; i < 20; i++) {
        await resetDatabase(i % 2 === 0 ? client : resetClient);
        await client.query(picked.world.insert);
      }
      // Interleaved, so both variants see the same machine load.
      for (let i = 0; i < cases; i++) {
        reset.push((await timed(() => resetDatabase(client)))[1]);
        world.push((await timed(() => client.query(picked.world.insert)))[1]);
        workload.push((await timed(() => picked.world.workload(client)))[1]);

        const [, resetMs] = await timed(() => resetDatabase(resetClient));
        const [, worldMs] = await timed(() => client.query(picked.world.insert));
        elsewhere.push(resetMs + worldMs);
        worldElsewhere.push(worldMs);
        await picked.world.workload(client);
      }
      const truncateSql = await truncateStatement(client);
      for (let i = 0; i < Math.min(cases, 100); i++) {
        const [, ms] = await timed(async () => {
          await client.query(truncateSql);
          await client.query(picked.world.insert);
        });
        truncate.push(ms);
      }
      await resetDatabase(client);
    } finally {
      await client.end();
      await resetClient.end();
    }

    const perCase = reset.map((ms, i) => ms + (world[i] ?? 0));
    return {
      kind: server.kind,
      version: server.version,
      schema: picked.schema,
      coldStartMs: round(median(cold.runsMs)),
      coldStartRunsMs: cold.runsMs.map(round),
      stopMs: round(median(cold.stopMs)),
      templateMs: round(templateMs),
      templateReuseMs: round(templateReuseMs),
      cloneMs: round(median(cloneMs)),
      dropMs: round(median(dropMs)),
      worldRows: picked.world.rows,
      worldTables: picked.world.tables,
      cases,
      resetMedianMs: round(median(reset)),
      caseMedianMs: round(median(perCase)),
      caseP90Ms: round(percentile(perCase, 90)),
      worldMedianMs: round(median(world)),
      workloadMedianMs: round(median(workload)),
      caseWithWorkloadMedianMs: round(median(perCase.map((ms, i) => ms + (workload[i] ?? 0)))),
      caseResetElsewhereMedianMs: round(median(elsewhere)),
      worldAfterResetElsewhereMedianMs: round(median(worldElsewhere)),
      truncateCaseMedianMs: round(median(truncate)),
    };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

async function main(): Promise<void> {
  const m = await measurePostgres({ log: (line) => console.log(line) });
  const verdict = (ok: boolean): string => (ok ? 'ok' : 'OVER TARGET');
  console.log(`postgres: ${m.kind} PG ${m.version}, schema: ${m.schema}`);
  console.log(
    `cold start (startPostgres -> first query): ${m.coldStartMs} ms median of [${m.coldStartRunsMs.join(', ')}]; stop ${m.stopMs} ms  [target <= 1000: ${verdict(m.coldStartMs <= 1000)}]`,
  );
  console.log(`template: build ${m.templateMs} ms, reuse ${m.templateReuseMs} ms`);
  console.log(`clone (CREATE DATABASE ... TEMPLATE, FILE_COPY): ${m.cloneMs} ms median; drop ${m.dropMs} ms`);
  console.log(`world: ${m.worldRows} rows in ${m.worldTables} tables`);
  console.log(
    `per case over ${m.cases} cases (medians): reset ${m.resetMedianMs} ms + world ${m.worldMedianMs} ms = ${m.caseMedianMs} ms (p90 ${m.caseP90Ms})  [target <= 5: ${verdict(m.caseMedianMs <= 5)}]`,
  );
  console.log(`  + workload (3 queries) ${m.workloadMedianMs} ms = ${m.caseWithWorkloadMedianMs} ms per case`);
  console.log(
    `  reset on a second connection, world on the first: ${m.caseResetElsewhereMedianMs} ms (world ${m.worldAfterResetElsewhereMedianMs} ms: its FK plans are not flushed)`,
  );
  console.log(`  alternative: TRUNCATE ... RESTART IDENTITY CASCADE + world = ${m.truncateCaseMedianMs} ms median`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
