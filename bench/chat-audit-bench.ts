/**
 * Chat audit benchmark (src/chat/audit-stream.ts): the Stream <-> Postgres audit of N channels
 * against about N rooms, 1% of each finding kind planted (bench/chat-audit-world.ts), on the
 * Stream fake over HTTP with the real SDK and an embedded Postgres, at N = 10^4 and 10^5.
 *   - The fake holds every answer a fixed round trip on the simulated clock and enforces the
 *     documented QueryChannels limit (10,000/min); the audit paces its requests to that limit
 *     and lists with K concurrent keyset streams split at room-creation quantiles.
 *   - Simulated time is what the clock advanced during the audit; requests in flight together
 *     overlap their round trips (bench/overlap-clock.ts says how). The floor is the rate floor
 *     ceil(N/30) / (limit/60) s (shared/reference/performance-anchors.md section 4).
 *   - Against the same listing, a naive audit (every page into a Map, the tables read whole,
 *     the diff in Node: bench/naive-chat-audit.ts), same run, same world.
 *   - Peak heap: the largest growth of the live heap over the heap just before the audit (both
 *     after a full GC), sampled after a forced full GC at ~16 points of the listing and after
 *     each result the audit holds; the GC time is left out of the wall time. (heapUsed read
 *     between GCs mostly shows when V8 chose to collect, with a 10^5-channel fake in the heap.)
 *   - Wall time is what this machine spent running the simulated audit, the fake, the SDK and
 *     Postgres included; the simulation runs them one after the other (time stands still while
 *     any of them works), so it adds up costs that overlap in production, where the audit takes
 *     about the simulated time. "of which diff" is the wall time after the last listing answer.
 * Sanity checks (exit 1 when one fails): every planted finding found, by kind, by both audits;
 * every channel listed once; requests <= floor(N/29) + streams (each page after a stream's first
 * repeats the last channel of the one before, which is how the listing notices a deletion
 * between pages: 29 new channels a page; the floor stays the rate floor of 30 a page).
 * Run: npm run bench:chat-audit [-- --sizes 10000,100000 --streams 24 --latency 100 --rate 10000]
 */
import os from 'node:os';
import v8 from 'node:v8';
import axios from 'axios';
import pg from 'pg';
import { StreamChat } from 'stream-chat';
import { serveStream, type StreamServer } from '../fakes/stream/index.ts';
import { DEFAULT_RATE_LIMITS } from '../fakes/stream/rate-limiter.ts';
import {
  createTestDatabase,
  defaultMigrationsDir,
  ensureTemplate,
  loadMigrations,
  startPostgres,
  type PostgresServer,
} from '../sims/postgres/index.ts';
import { auditFindingKinds, type AuditFindingKind } from '../src/chat/audit-finding.ts';
import { auditStream, roomCreationSplits } from '../src/chat/audit-stream.ts';
import { channelPageSize } from '../src/chat/list-all-channels.ts';
import type { Db, DbClient, QueryResult } from '../src/db/db.ts';
import { fromPgPool } from '../src/db/index.ts';
import { buildChatAuditWorld, type ChatAuditWorld } from './chat-audit-world.ts';
import { naiveAudit } from './naive-chat-audit.ts';
import { OverlapClock } from './overlap-clock.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('bench:chat-audit needs --expose-gc (npm run bench:chat-audit runs node with it)');
  process.exit(3);
}

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1]! : fallback;
}
const sizes = flag('sizes', '10000,100000').split(',').map(Number);
const streams = Number(flag('streams', '24'));
const latencyMs = Number(flag('latency', '100'));
const perMinute = Number(flag('rate', String(DEFAULT_RATE_LIMITS.QueryChannels)));

const usedHeap = () => v8.getHeapStatistics().used_heap_size;

/** Heap growth over a baseline, after a forced full GC at ~16 listing points and each result. */
class HeapProbe {
  #base = 0;
  #responses = 0;
  #every = 1;
  peakLive = 0;
  gcMs = 0;
  /** performance.now() of the last listing response: where the diff begins. */
  lastResponseAt = 0;

  begin(expectedResponses: number): void {
    gc!();
    gc!();
    this.#base = usedHeap();
    this.#responses = 0;
    this.#every = Math.max(1, Math.ceil(expectedResponses / 16));
    this.peakLive = this.gcMs = 0;
  }

  live(): void {
    const started = performance.now();
    gc!();
    this.gcMs += performance.now() - started;
    this.peakLive = Math.max(this.peakLive, usedHeap() - this.#base);
  }

  response(): void {
    if (++this.#responses % this.#every === 0) this.live();
    this.lastResponseAt = performance.now();
  }
}

/** The SDK's every request is tracked real work on the clock; listing requests and 429s are counted. */
function instrumentStream(client: StreamChat, clock: OverlapClock, probe: HeapProbe) {
  const counts = { requests: 0, refused: 0 };
  const deliver = axios.getAdapter(client.axiosInstance.defaults.adapter ?? axios.defaults.adapter);
  client.axiosInstance.defaults.adapter = async (config) => {
    const listing = config.method === 'post' && new URL(config.url ?? '', config.baseURL).pathname === '/channels';
    try {
      return await clock.track(() => deliver(config));
    } catch (error) {
      if ((error as { response?: { status?: number } }).response?.status === 429) counts.refused++;
      throw error;
    } finally {
      if (listing) {
        counts.requests++;
        probe.response();
      }
    }
  };
  return counts;
}

/** Every statement and checkout is tracked real work; a result other than a page insert is sampled live. */
function trackedDb(db: Db, clock: OverlapClock, probe: HeapProbe): Db {
  const wrap = (target: { query: Db['query'] }) =>
    async function query<R>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      const result = await clock.track(() => target.query<R>(text, params));
      if (!/^\s*INSERT/i.test(text)) probe.live();
      return result;
    };
  return {
    query: wrap(db),
    async connect(): Promise<DbClient> {
      const client = await clock.track(() => db.connect());
      return { query: wrap(client), release: (destroy) => client.release(destroy) };
    },
  };
}

interface Row {
  audit: 'sql' | 'naive';
  n: number;
  rooms: number;
  streams: number;
  requests: number;
  refused: number;
  simSeconds: number;
  wallSeconds: number;
  /** Wall time after the last listing response: the diff and the report. */
  diffSeconds: number;
  liveMb: number;
  counts: Record<AuditFindingKind, number>;
  planted: Record<AuditFindingKind, number>;
  channelsListed: number;
}

async function measure(
  world: ChatAuditWorld,
  clock: OverlapClock,
  probe: HeapProbe,
  counts: { requests: number; refused: number },
  run: () => Promise<{ counts: Record<AuditFindingKind, number>; channelsListed: number; streams: number }>,
  audit: Row['audit'],
): Promise<Row> {
  // Each audit starts at a fresh rate-limit window, with nothing pending.
  clock.advanceTo(Math.ceil((clock.now() + 1) / 60_000) * 60_000);
  counts.requests = counts.refused = 0;
  probe.begin(Math.floor(world.channels / (channelPageSize - 1)) + streams);
  const simStart = clock.now();
  const started = performance.now();
  const result = await run();
  const ended = performance.now();
  probe.live();
  const wallMs = ended - started - probe.gcMs;
  return {
    audit,
    n: world.channels,
    rooms: world.rooms,
    streams: result.streams,
    requests: counts.requests,
    refused: counts.refused,
    simSeconds: (clock.now() - simStart) / 1000,
    wallSeconds: wallMs / 1000,
    diffSeconds: (ended - probe.lastResponseAt) / 1000,
    liveMb: probe.peakLive / 2 ** 20,
    counts: result.counts,
    planted: world.planted,
    channelsListed: result.channelsListed,
  };
}

type Template = Awaited<ReturnType<typeof ensureTemplate>>;

async function benchSize(postgres: PostgresServer, template: Template, n: number): Promise<Row[]> {
  const clock = new OverlapClock(Date.UTC(2026, 0, 1));
  const probe = new HeapProbe();
  let server: StreamServer | undefined;
  await using database = await createTestDatabase(postgres, template, `chat-audit-bench-${n}`);
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  try {
    server = await serveStream({
      now: () => clock.now(),
      roundTrip: { ms: latencyMs, sleep: (ms) => clock.hold(ms) },
    });
    const built = performance.now();
    const world = await buildChatAuditWorld(server.fake.store, fromPgPool(pool), n);
    // The fake builds its created_at order on the first such query: not the audit's memory.
    server.fake.store.queryChannels({
      filter: {},
      sort: [{ field: 'created_at', direction: 1 }],
      limit: 1,
      offset: 0,
      memberLimit: 0,
      messageLimit: 0,
    });
    const buildSeconds = (performance.now() - built) / 1000;
    const client = new StreamChat(server.apiKey, server.apiSecret, {
      baseURL: server.url,
      disableCache: true,
      timeout: 600_000,
    });
    const counts = instrumentStream(client, clock, probe);
    const db = trackedDb(fromPgPool(pool), clock, probe);
    const list = { requestsPerMinute: perMinute };

    const sql = await measure(
      world,
      clock,
      probe,
      counts,
      async () => {
        const report = await auditStream({ db, stream: client, clock }, { streams, list });
        const byKind = Object.fromEntries(auditFindingKinds.map((kind) => [kind, 0])) as Record<
          AuditFindingKind,
          number
        >;
        for (const gym of report.gyms) for (const kind of auditFindingKinds) byKind[kind] += gym.counts[kind];
        return { counts: byKind, channelsListed: report.channelsListed, streams: report.streams };
      },
      'sql',
    );
    const splits = await roomCreationSplits(fromPgPool(pool), streams);
    const naive = await measure(
      world,
      clock,
      probe,
      counts,
      async () => {
        const report = await naiveAudit({ db, stream: client, clock }, { ...list, createdAtSplits: splits }, () =>
          probe.live(),
        );
        return { counts: report.counts, channelsListed: report.channelsListed, streams: splits.length + 1 };
      },
      'naive',
    );
    console.error(`  N=${n}: world built in ${buildSeconds.toFixed(1)} s; clock jumps ${clock.jumps}`);
    return [sql, naive];
  } finally {
    await server?.stop();
    await pool.end();
  }
}

function problems(row: Row): string[] {
  const found: string[] = [];
  const planted = row.planted;
  for (const kind of auditFindingKinds)
    if (row.counts[kind] !== planted[kind]) found.push(`${kind} ${row.counts[kind]} (planted ${planted[kind]})`);
  if (row.channelsListed !== row.n) found.push(`listed ${row.channelsListed} channels of ${row.n}`);
  if (row.requests > Math.floor(row.n / (channelPageSize - 1)) + row.streams)
    found.push(`${row.requests} requests > floor(N/29) + ${row.streams} streams`);
  return found;
}

const fmt = (value: number, digits: number) => value.toFixed(digits);
const int = (value: number) => value.toLocaleString('en-US');

const [load1] = os.loadavg();
console.log(
  `Chat audit on the Stream fake: N channels vs ~N rooms (1% of each of 7 finding kinds planted); ${latencyMs} ms simulated round trip; ` +
    `QueryChannels ${int(perMinute)}/min (fake's limit; requests paced to it); ${streams} keyset streams asked. ` +
    `Machine: ${os.cpus().length} cores, load average ${fmt(load1 ?? 0, 1)} at start.`,
);
await using postgres = await startPostgres({ log: () => undefined });
const template = await ensureTemplate(postgres, await loadMigrations(defaultMigrationsDir()));
console.error('warm-up at N=1000 (not reported)');
await benchSize(postgres, template, 1000);
const rows: Row[] = [];
for (const n of sizes) {
  const started = performance.now();
  rows.push(...(await benchSize(postgres, template, n)));
  console.error(`  N=${n}: ${((performance.now() - started) / 1000).toFixed(0)} s in all`);
}

const header = [
  'audit',
  'N',
  'rooms',
  'streams',
  'requests',
  'ceil(N/30)',
  'extra',
  '429s',
  'sim s',
  'floor s',
  'sim/floor',
  'wall s',
  'of which diff',
  'wall vs sql',
  'peak heap MB',
  'findings',
];
const table = rows.map((row) => {
  const pages = Math.ceil(row.n / channelPageSize);
  const floor = pages / (perMinute / 60);
  const sql = rows.find((other) => other.n === row.n && other.audit === 'sql')!;
  const issues = problems(row);
  return [
    row.audit,
    int(row.n),
    int(row.rooms),
    String(row.streams),
    int(row.requests),
    int(pages),
    `+${row.requests - pages}`,
    String(row.refused),
    fmt(row.simSeconds, 3),
    fmt(floor, 3),
    fmt(row.simSeconds / floor, 3),
    fmt(row.wallSeconds, 1),
    fmt(row.diffSeconds, 2),
    `${fmt(row.wallSeconds / sql.wallSeconds, 2)}x`,
    fmt(row.liveMb, 1),
    issues.length === 0
      ? `${int(auditFindingKinds.reduce((sum, k) => sum + (k === 'synced' ? 0 : row.counts[k]), 0))} = planted`
      : 'MISMATCH',
  ];
});
const widths = header.map((title, i) => Math.max(title.length, ...table.map((cells) => cells[i]!.length)));
const line = (cells: string[]) =>
  cells.map((cell, i) => (i < 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
console.log(line(header));
for (const cells of table) console.log(line(cells));
const growth = (audit: Row['audit'], n: number) => {
  const from = rows.find((row) => row.n === sizes[0] && row.audit === audit)!;
  const to = rows.find((row) => row.n === n && row.audit === audit)!;
  return `${audit} x${fmt(to.liveMb / from.liveMb, 1)} (${fmt(from.liveMb, 1)} -> ${fmt(to.liveMb, 1)} MB)`;
};
for (const n of sizes.slice(1))
  console.log(
    `peak heap growth from N=${int(sizes[0]!)} to N=${int(n)} (x${n / sizes[0]!} channels): ${growth('sql', n)}, ${growth('naive', n)}`,
  );
let failed = false;
for (const row of rows) {
  const issues = problems(row);
  if (issues.length > 0) {
    failed = true;
    console.error(`SANITY CHECK FAILED: ${row.audit} audit at N=${row.n}: ${issues.join('; ')}`);
  }
}
if (failed) process.exitCode = 1;
