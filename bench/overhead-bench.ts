/**
 * Overhead benchmark (issue 17): how much of a case is the engine and how much is Postgres and
 * the fakes. For each scenario, in one run on one server and database:
 *   1. engine: the scenario's cases at a fixed seed through runScenario (timed);
 *   2. record: the same cases again one by one (replayCase), keeping each history (the counts of
 *      gated operations by system) and the raw statements and requests (bench/record-case-io.ts);
 *   3. floor: the same cases once more through runScenario with the actors replaced by a straight
 *      replay of what was recorded, inside the world phase (bench/replay-case-io.ts): reset, world,
 *      the same statements, requests and file operations, the invariants (their verdicts ignored),
 *      but no scheduler, no lock probe, no gate.
 * The counts are a function of the seed; the times are only printed.
 * With `--streams K` (default: one per core; bench-streams.ts) every scenario is measured in K
 * streams at once, each the same cases on its own database; the engine phases run in lockstep,
 * so besides one stream's figures the table has the aggregate cases/s of the K, and every
 * stream's counts must equal the first's. `--streams 1` measures in this process alone.
 * Run: npm run bench:overhead [--runs N] [--only lost-update,motopress,bot,chat] [--streams K]
 */
import type { HistoryEvent } from '../sims/history/history.ts';
import type { CaseEngine } from '../sims/runner/case-engine.ts';
import { replayCase } from '../sims/runner/replay-case.ts';
import { runScenario } from '../sims/runner/run-scenario.ts';
import type { Scenario } from '../sims/runner/scenario.ts';
import { lostUpdateScenario } from '../scenarios/examples/lost-update/lost-update.scenario.ts';
import { botPropertyScenario } from '../scenarios/properties/bot/bot.scenario.ts';
import { chatPropertyScenario } from '../scenarios/properties/chat/chat.scenario.ts';
import { motopressPropertyScenario } from '../scenarios/properties/motopress/motopress.scenario.ts';
import { recordCaseIo, type IoRecorder, type RawIo } from './record-case-io.ts';
import { FloorConnections, replayCaseIo } from './replay-case-io.ts';
import { openBenchEngine } from './open-bench-engine.ts';
import { phase, report, runStreams, streamsFlag, streamWorker } from './bench-streams.ts';
import { openCaseEngine } from '../sims/runner/case-engine.ts';
import { ownCpuMs, serverCpuMs } from './server-cpu.ts';
import type { EmbeddedPostgresServer } from '../sims/postgres/start-embedded-postgres.ts';
import { BRIDGE_PHASES, summedTimings, type BridgePhase } from '../sims/schedule/bridge-timings.ts';

const SEED = 2;
/** Every case's bridge adds its phases here; the engine phase of each scenario takes the difference. */
const timings = summedTimings(() => performance.now());
const SYSTEMS = ['pg', 'motopress', 'stream', 'fs', 'clock'] as const;

interface Target {
  key: string;
  scenario: Scenario<unknown, unknown>;
  variant: string;
  runs: number;
  goal: number;
}

const targets: Target[] = [
  {
    key: 'lost-update',
    scenario: lostUpdateScenario,
    variant: 'locked',
    runs: 200,
    goal: 200,
  },
  {
    key: 'motopress',
    scenario: motopressPropertyScenario,
    variant: 'after',
    runs: 60,
    goal: 30,
  },
  { key: 'bot', scenario: botPropertyScenario, variant: 'after', runs: 150, goal: 30 },
  { key: 'chat', scenario: chatPropertyScenario, variant: 'after', runs: 30, goal: 0 },
];

interface Row {
  name: string;
  cases: number;
  engineS: number;
  lockWaits: number;
  ops: Record<string, number>;
  floorS: number;
  floorIoS: number;
  floorErrors: number;
  /** Lock probes the engine phase sent: how often a statement was still running when looked at (timing, not the seed). */
  probes: number;
  /** Milliseconds of the engine phase by bridge phase (sims/schedule/bridge-timings.ts). */
  phases: Record<BridgePhase, number>;
  /** CPU milliseconds of this process and of the Postgres server in the engine and the floor phases (one stream, embedded server). */
  cpu?: { engine: CpuSample; floor: CpuSample };
  goal: number;
  /** With more than one stream: every stream's cases/s, and all of theirs over the phase's wall time. */
  streams?: { each: number[]; aggregate: number };
}

interface CpuSample {
  node: number;
  pg: number;
}

/** CPU used so far, when the server's processes can be read (bench/server-cpu.ts). */
type CpuMeter = () => CpuSample | undefined;

/** What `work` returns, and the CPU it used when the meter can read it. */
async function cpuSpent<T>(
  meter: CpuMeter | undefined,
  work: () => Promise<T>,
): Promise<{ value: T; cpu?: CpuSample }> {
  const before = meter?.();
  const value = await work();
  const after = meter?.();
  return before && after ? { value, cpu: { node: after.node - before.node, pg: after.pg - before.pg } } : { value };
}

async function measure(
  engine: CaseEngine,
  recorder: IoRecorder,
  floor: FloorConnections,
  target: Target,
  meter: CpuMeter | undefined,
): Promise<Row> {
  const { scenario, variant } = target;
  const name = `${scenario.id}:${variant}`;
  await runScenario(scenario, variant, engine, { seed: 1, runs: Math.min(10, target.runs) }); // warm-up
  await phase(`engine ${name}`);
  const phasesBefore = { ...timings.totals };
  const probesBefore = timings.probes;
  let started = performance.now();
  const { value: result, cpu: engineCpu } = await cpuSpent(meter, () =>
    runScenario(scenario, variant, engine, { seed: SEED, runs: target.runs }),
  );
  const engineS = (performance.now() - started) / 1000;
  const phases = Object.fromEntries(BRIDGE_PHASES.map((p) => [p, timings.totals[p] - phasesBefore[p]])) as Record<
    BridgePhase,
    number
  >;
  const probes = timings.probes - probesBefore;
  // Ends the engine phase for every stream: the record and floor below are not timed together.
  await phase(`record ${name}`);
  if (result.status !== 'held') throw new Error(`bench: ${name} did not hold (${result.status})`);

  const recorded: Array<{ io: RawIo[]; history: readonly HistoryEvent[] }> = [];
  for (let i = 0; i < result.cases; i++) {
    const io = recorder.begin();
    const outcome = await replayCase(scenario, variant, engine, { seed: SEED, path: String(i) });
    recorder.end();
    recorded.push({ io, history: outcome.history });
  }
  const ops: Record<string, number> = {};
  for (const { history } of recorded)
    for (const event of history)
      if (event.type === 'invoke' && event.system !== 'actor') ops[event.system] = (ops[event.system] ?? 0) + 1;

  let index = 0;
  let floorIoS = 0;
  let floorErrors = 0;
  const floorScenario: Scenario<unknown, unknown> = {
    ...scenario,
    world: async (context) => {
      const world = await scenario.world(context);
      const { io, history } = recorded[index++]!;
      const replayStarted = performance.now();
      floorErrors += (await replayCaseIo(io, history, floor, context.sessionDir, engine.http.fetch)).errors;
      floorIoS += (performance.now() - replayStarted) / 1000;
      return world;
    },
    // The same checks run, over whatever the straight replay left; their verdicts do not matter.
    invariants: scenario.invariants.map((invariant) => ({
      ...invariant,
      check: async (context) => {
        await invariant.check(context);
        return [];
      },
    })),
    variants: { floor: { description: 'straight replay', expect: 'holds', actors: () => [], heal: () => [] } },
    defaultVariant: 'floor',
  };
  delete floorScenario.scans;
  started = performance.now();
  const { value: floorResult, cpu: floorCpu } = await cpuSpent(meter, () =>
    runScenario(floorScenario, 'floor', engine, { seed: SEED, runs: target.runs }),
  );
  const floorS = (performance.now() - started) / 1000;
  if (floorResult.status !== 'held' || index !== result.cases)
    throw new Error(`bench: the floor of ${name} ran ${index} of ${result.cases} cases (${floorResult.status})`);
  return {
    name,
    cases: result.cases,
    engineS,
    lockWaits: result.lockWaits,
    ops,
    floorS,
    floorIoS,
    floorErrors,
    phases,
    probes,
    ...(engineCpu && floorCpu ? { cpu: { engine: engineCpu, floor: floorCpu } } : {}),
    goal: target.goal,
  };
}

/** The engine's case time split by bridge phase, beside the floor's: where the difference goes. */
function phaseTable(rows: Row[]): string[] {
  const cpu = rows.some((r) => r.cpu);
  const header = [
    'scenario',
    ...BRIDGE_PHASES,
    'outside',
    'probes/case',
    'engine total',
    'floor io',
    'floor rest',
    'floor total',
    ...(cpu ? ['engine CPU node / pg', 'floor CPU node / pg'] : []),
  ];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const r of rows) {
    const perCase = (ms: number) => (ms / r.cases).toFixed(2);
    const engineMs = r.engineS * 1000;
    const inside = BRIDGE_PHASES.reduce((sum, p) => sum + r.phases[p], 0);
    lines.push(
      `| ${[
        r.name,
        ...BRIDGE_PHASES.map((p) => perCase(r.phases[p])),
        perCase(engineMs - inside),
        perCase(r.probes),
        perCase(engineMs),
        perCase(r.floorIoS * 1000),
        perCase((r.floorS - r.floorIoS) * 1000),
        perCase(r.floorS * 1000),
        ...(cpu ? [r.cpu?.engine, r.cpu?.floor].map((c) => (c ? `${perCase(c.node)} / ${perCase(c.pg)}` : '-')) : []),
      ].join(' | ')} |`,
    );
  }
  return lines;
}

function table(rows: Row[]): string[] {
  const streamed = rows.some((r) => r.streams);
  const header = [
    'scenario',
    'cases',
    'cases/s',
    ...(streamed ? [`cases/s per stream`, `cases/s, ${rows[0]!.streams!.each.length} streams`] : []),
    'target',
    ...SYSTEMS.map((s) => `${s}/case`),
    'ops/case',
    'lock waits',
    'engine ms/case',
    'floor ms/case',
    '(of which straight I/O)',
    'engine ms/op',
    'floor ms/op',
    'engine/floor',
  ];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const r of rows) {
    const perCase = (n: number) => n / r.cases;
    const totalOps = SYSTEMS.reduce((sum, s) => sum + (r.ops[s] ?? 0), 0);
    const engineMs = (r.engineS * 1000) / r.cases;
    const floorMs = (r.floorS * 1000) / r.cases;
    const floorIoMs = (r.floorIoS * 1000) / r.cases;
    // What the engine spends on the operations: its case time minus the floor's time outside the
    // straight I/O (reset, world, invariants), which both pay alike.
    const engineOpsMs = engineMs - (floorMs - floorIoMs);
    const opsPerCase = perCase(totalOps);
    lines.push(
      `| ${[
        r.name,
        r.cases,
        (r.cases / r.engineS).toFixed(1),
        ...(r.streams ? [r.streams.each.map((c) => c.toFixed(1)).join(', '), r.streams.aggregate.toFixed(1)] : []),
        r.goal > 0 ? `>= ${r.goal}` : '-',
        ...SYSTEMS.map((s) => perCase(r.ops[s] ?? 0).toFixed(1)),
        opsPerCase.toFixed(1),
        r.lockWaits,
        engineMs.toFixed(2),
        floorMs.toFixed(2),
        floorIoMs.toFixed(2),
        opsPerCase > 0 ? (engineOpsMs / opsPerCase).toFixed(3) : '-',
        opsPerCase > 0 ? (floorIoMs / opsPerCase).toFixed(3) : '-',
        `${(engineMs / floorMs).toFixed(2)}x`,
      ].join(' | ')} |`,
    );
  }
  return lines;
}

/** Every chosen scenario measured on `engine` (one stream). */
async function measureAll(engine: CaseEngine, url: string, meter?: CpuMeter): Promise<Row[]> {
  const runsFlag = process.argv.indexOf('--runs');
  const onlyFlag = process.argv.indexOf('--only');
  const only = onlyFlag > 0 ? new Set(process.argv[onlyFlag + 1]!.split(',')) : undefined;
  const recorder = recordCaseIo(engine);
  const floor = new FloorConnections(url);
  const rows: Row[] = [];
  try {
    for (const target of targets) {
      if (only && !only.has(target.key)) continue;
      const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : target.runs;
      rows.push(await measure(engine, recorder, floor, { ...target, runs }, meter));
      if (!streamWorker()) console.error(`measured ${rows.at(-1)!.name}`);
    }
  } finally {
    await floor.end();
  }
  return rows;
}

/** The first stream's rows with every stream's rate and the aggregate; the counts must agree. */
function merged(perStream: Row[][], phases: ReadonlyMap<string, number>): Row[] {
  return perStream[0]!.map((first, i) => {
    const rows = perStream.map((stream) => stream[i]!);
    for (const row of rows)
      if (row.cases !== first.cases || JSON.stringify(row.ops) !== JSON.stringify(first.ops))
        throw new Error(
          `bench: the streams' counts of ${first.name} differ: ${JSON.stringify(rows.map((r) => r.ops))}`,
        );
    const cases = rows.reduce((sum, r) => sum + r.cases, 0);
    const wall = phases.get(`engine ${first.name}`)!;
    return { ...first, streams: { each: rows.map((r) => r.cases / r.engineS), aggregate: cases / wall } };
  });
}

const worker = streamWorker();
if (worker) {
  let rows: Row[];
  {
    await using engine = await openCaseEngine(worker.url, { localBackends: worker.localBackends, timings });
    rows = await measureAll(engine, worker.url);
  }
  await report(rows);
  // A stream only measures: the table below is the parent's to print.
  process.exit(0);
}
const streams = streamsFlag();
const coldStarted = performance.now();
await using bench = await openBenchEngine('overhead-bench', { timings });
// Start to ready, the template and the clone included (the cold start proper is bench:postgres').
const coldStartMs = performance.now() - coldStarted;
const { server, database, engine } = bench;
let rows: Row[];
if (streams === 1) {
  // One stream: the server's CPU is this stream's alone, so it is worth measuring.
  const postmaster = server.kind === 'embedded' ? (server as EmbeddedPostgresServer).pid : undefined;
  const meter: CpuMeter | undefined =
    postmaster === undefined
      ? undefined
      : () => {
          const pg = serverCpuMs(postmaster);
          return pg === undefined ? undefined : { node: ownCpuMs(), pg };
        };
  rows = await measureAll(engine, database.url, meter);
} else {
  const run = await runStreams<Row[]>(bench, import.meta.url, streams, process.argv.slice(2));
  rows = merged(run.results, run.phases);
}
console.log(
  `Postgres ${server.kind}, ready in ${coldStartMs.toFixed(0)} ms (start, template, clone); seed ${SEED}; ${streams} stream${streams === 1 ? '' : 's'}`,
);
for (const line of table(rows)) console.log(line);
console.log(
  'engine ms/op: engine ms/case minus the floor outside the straight I/O (reset, world, invariants), per gated op; ' +
    'floor ms/op: the straight I/O per gated op (clock ops cost nothing there). engine/floor: whole cases.',
);
for (const line of phaseTable(rows)) console.log(line);
console.log(
  "engine phases, ms per case (one stream): gate = release to the I/O's start (history, fault draws); io = the I/O " +
    'until done or found waiting on a lock (probes included); actor = the result handed back until the actor parks ' +
    "again (the module's own code); blocked = waiters re-examined; scheduler = between releases (settling, choosing); " +
    'outside = reset, world, invariants and the runner. probes/case = lock probes sent (a statement that another session ' +
    'could be blocking, looked at while it still ran: timing, not the seed). floor: its straight I/O, and the rest (reset, world, invariants). ' +
    'CPU (one stream, embedded server): this process and every Postgres process, ms per case, which load stretches far less than wall time.',
);
if (rows.some((r) => r.floorErrors > 0))
  console.log(
    `floor replay errors (failed as in the case, or out of order): ${rows.map((r) => `${r.name} ${r.floorErrors}`).join(', ')}`,
  );
