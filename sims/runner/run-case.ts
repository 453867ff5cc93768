/**
 * One case: the four phases of a run on a clean database.
 *   1. world  - reset the database, build the scenario's world (ungated);
 *   2. chaos  - the variant's actors run concurrently, every I/O released by the scheduler;
 *               safety invariants are checked at the end of the phase;
 *   3. heal   - the heal actors (if any) run, still scheduled, until they finish;
 *   4. final  - safety and liveness invariants are checked.
 * The first phase with violations ends the case; the outcome is plain data.
 */
import { SimClock } from '../clock/sim-clock.ts';
import { FaultInjector } from '../faults/fault-injector.ts';
import { gatedFetch } from '../../fakes/motopress/gated-fetch.ts';
import { gateStreamClient } from '../../fakes/stream/gate-stream-client.ts';
import { gatedSessionFs } from '../fs/gated-session-fs.ts';
import { emptySessionDir } from '../fs/session-dir.ts';
import { NO_FAULTS, type FaultPlan } from '../faults/fault-plan.ts';
import { HistoryRecorder, type HistoryEvent } from '../history/history.ts';
import { checkInvariants, type Violation } from '../invariants/invariant.ts';
import { leakViolations } from '../leaks/leaked-work.ts';
import { checkFullScans } from '../scans/check-full-scans.ts';
import { gatedDb } from '../pg/gated-db.ts';
import { resetDatabase } from '../postgres/index.ts';
import { Rng } from '../rng/rng.ts';
import type { CaseScheduler } from '../schedule/case-scheduler.ts';
import type { DecisionStep, Departure } from '../schedule/decision-tracker.ts';
import { PolicyScheduler } from '../schedule/policy-scheduler.ts';
import { RecordingScheduler } from '../schedule/recording-scheduler.ts';
import { driveSchedule } from '../schedule/drive-schedule.ts';
import { SchedulerBridge } from '../schedule/scheduler-bridge.ts';
import type { CaseEngine } from './case-engine.ts';
import type { Actor, ActorEnv, Scenario, Variant } from './scenario.ts';

export type Phase = 'world' | 'chaos' | 'heal' | 'final';

export interface CaseOutcome {
  violations: Violation[];
  /** The phase whose check found the violations (or 'final' when everything held). */
  phase: Phase;
  history: HistoryEvent[];
  /** Tasks in the order the scheduler released them. */
  schedule: string[];
  /** Operations that waited on a Postgres lock held by another actor. */
  lockWaits: number;
  /** Scheduler steps the case took. */
  steps: number;
  /** Faults that fired, in order. */
  faults: string[];
  /** Every release by task key, with what the default policy would have released instead. */
  decisions: DecisionStep[];
  /** The releases that departed from the default policy: the case's schedule (--schedule). */
  departures: Departure[];
}

export interface CaseLimits {
  /** Scheduler steps (released operations) the case may take over all its phases. */
  maxSteps?: number;
  /**
   * Run every phase even when the chaos check found violations (reported with the final ones).
   * A differential run compares what two variants left behind, so both must heal alike.
   */
  allPhases?: boolean;
}

/** Called once the case has ended, before anything is reset: read what it left behind. */
export type CaseObserver<World> = (world: World) => Promise<void>;

export const DEFAULT_START = '2025-01-01T00:00:00.000Z';
/** A latency fault at or past this is a client timeout (MotopressClient's default timeout). */
const MOTOPRESS_CLIENT_TIMEOUT_MS = 30_000;

export async function runCase<Input, World>(
  scenario: Scenario<Input, World>,
  variant: Variant<Input, World>,
  input: Input,
  explorer: CaseScheduler,
  engine: CaseEngine,
  seed: number,
  plan: FaultPlan = NO_FAULTS,
  limits: CaseLimits = {},
  observe?: CaseObserver<World>,
): Promise<CaseOutcome> {
  const run = (scheduler: CaseScheduler, callSites: boolean) =>
    runCaseOnce({ scenario, variant, input, engine, seed, plan, limits, observe }, scheduler, callSites);
  const first = await run(explorer, false);
  if (!first.uncapturedLeaks) return first.outcome;
  // A leak report names the line that started the operation, which only a stack captured when it
  // started knows; capturing one for every operation cost 7% of a case's Node time. So the case
  // that leaked runs again, by its recorded schedule (the same case: same seed, same choices),
  // with stacks captured. Should the replay differ (a nondeterminism the determinism check
  // reports) or fail, the first outcome stands, its leaks without a line.
  try {
    const replay = await run(new PolicyScheduler(first.outcome.departures), true);
    if (JSON.stringify(replay.outcome.history) === JSON.stringify(first.outcome.history)) return replay.outcome;
  } catch {
    // the first outcome stands
  }
  return first.outcome;
}

/** What runCase was given, apart from the scheduler. */
interface CaseArgs<Input, World> {
  scenario: Scenario<Input, World>;
  variant: Variant<Input, World>;
  input: Input;
  engine: CaseEngine;
  seed: number;
  plan: FaultPlan;
  limits: CaseLimits;
  observe: CaseObserver<World> | undefined;
}

/** One run of the case; `uncapturedLeaks` when work leaked with no call site (observe is then left to the replay). */
async function runCaseOnce<Input, World>(
  { scenario, variant, input, engine, seed, plan, limits, observe }: CaseArgs<Input, World>,
  explorer: CaseScheduler,
  callSites: boolean,
): Promise<{ outcome: CaseOutcome; uncapturedLeaks: boolean }> {
  // Whatever chooses (fast-check exploring, a PolicyScheduler replaying), the choices are written
  // down as departures from the default policy, so the case can be replayed and minimised as such.
  const scheduler = new RecordingScheduler(explorer);
  const clock = new SimClock(Date.parse(scenario.startTime ?? DEFAULT_START));
  const history = new HistoryRecorder(() => clock.elapsed());
  const rng = new Rng(seed);
  const faults = new FaultInjector(plan, rng.fork('faults'));
  const bridge = new SchedulerBridge(scheduler, {
    history,
    clock,
    probe: engine.probe,
    faults,
    signals: engine.signals,
    ...(engine.timings ? { timings: engine.timings } : {}),
    callSites,
  });
  const uncapturedLeaks = () => bridge.leaks.some((leak) => leak.site === undefined);
  const outcome = (phase: Phase, violations: Violation[]) => ({
    uncapturedLeaks: uncapturedLeaks(),
    outcome: caseOutcome(phase, violations),
  });
  const caseOutcome = (phase: Phase, violations: Violation[]): CaseOutcome => ({
    phase,
    violations,
    history: history.events,
    schedule: scheduler.report().map((item) => `${item.taskId} ${item.label} ${item.status}`),
    lockWaits: bridge.lockWaits,
    steps: bridge.steps,
    faults: faults.injected.map((f) => `${f.kind} ${f.actor} ${f.operation}`),
    decisions: scheduler.tracker.steps,
    departures: scheduler.tracker.departures(),
  });

  try {
    // 1. world
    await resetDatabase(engine.resetter);
    // Session files are part of the world: every case starts from an empty directory.
    await emptySessionDir(engine.sessionDir);
    engine.http.reset();
    const http = { use: (...handlers: Parameters<CaseEngine['http']['use']>) => engine.http.use(...handlers) };
    const world = await scenario.world({
      db: engine.admin,
      input,
      rng: rng.fork('world'),
      clock,
      sessionDir: engine.sessionDir,
      http,
    });
    const check = () => ({ db: engine.admin, world, history: history.events });

    // 2. chaos
    const run = (actors: Actor[], stream: string) =>
      runActors(actors, { bridge, engine, scheduler, rng: rng.fork(stream), faults, clock, maxSteps: limits.maxSteps });
    await run(variant.actors({ input, world }), 'chaos');
    const unsafe = [
      ...(await checkInvariants(scenario.invariants, ['safety'], check())),
      ...leakViolations(bridge.leaks),
      ...(await checkFullScans(scenario.scans, engine.admin, history.events)),
    ];
    if (unsafe.length > 0 && !limits.allPhases) {
      if (!uncapturedLeaks()) await observe?.(world);
      return outcome('chaos', unsafe);
    }

    // 3. heal: faults off
    faults.heal();
    const healers = (variant.heal ?? scenario.heal)?.({ input, world }) ?? [];
    if (healers.length > 0) await run(healers, 'heal');

    // 4. final
    const final = [
      ...(await checkInvariants(scenario.invariants, ['safety', 'liveness'], check())),
      ...leakViolations(bridge.leaks),
      ...(await checkFullScans(scenario.scans, engine.admin, history.events)),
    ];
    if (!uncapturedLeaks()) await observe?.(world);
    if (unsafe.length === 0) return outcome('final', final);
    // allPhases: the chaos phase's violations first, each reported once.
    const seen = new Set(unsafe.map((v) => JSON.stringify(v)));
    return outcome('chaos', [...unsafe, ...final.filter((v) => !seen.has(JSON.stringify(v)))]);
  } finally {
    bridge.close();
    await engine.connections.sweep(engine.probe);
  }
}

interface PhaseContext {
  bridge: SchedulerBridge;
  engine: CaseEngine;
  scheduler: CaseScheduler;
  rng: Rng;
  faults: FaultInjector;
  clock: SimClock;
  maxSteps: number | undefined;
}

async function runActors(actors: Actor[], context: PhaseContext): Promise<void> {
  const { bridge, engine, scheduler, rng, faults, clock } = context;
  const names = new Set<string>();
  const live = new Set<string>();
  const crashes = new Map<string, () => void>();
  bridge.onCrash((actor) => crashes.get(actor)?.());
  const runs = actors.map((actor) => {
    if (names.has(actor.name))
      throw new Error(`two actors are named '${actor.name}'; actor names label the history and must be unique`);
    names.add(actor.name);
    live.add(actor.name);
    bridge.actorStarted(actor.name);
    const crashed = new Promise<void>((resolve) => crashes.set(actor.name, resolve));
    const env: ActorEnv = {
      actor: actor.name,
      db: gatedDb({ bridge, connections: engine.connections, probe: engine.probe, faults }, actor.name),
      clock: { now: () => bridge.clockNow(), sleep: (ms: number) => bridge.sleep(actor.name, ms) },
      rng: rng.fork(actor.name),
      fs: gatedSessionFs({ bridge, dir: engine.sessionDir, faults }, actor.name),
      // Both reach the fakes' handlers directly (engine.http.fetch), not through msw's
      // interception: same handlers and answers, without the socket and emitter layers.
      motopressFetch: gatedFetch({
        gate: bridge,
        actor: actor.name,
        faults,
        clock,
        timeoutMs: MOTOPRESS_CLIENT_TIMEOUT_MS,
        fetch: engine.http.fetch,
      }),
      gateStream: (client) => {
        gateStreamClient(client, { gate: bridge, actor: actor.name, faults, clock, fetch: engine.http.fetch });
        return client;
      },
    };
    const op = bridge.history.invoke(actor.name, 'actor', 'run');
    const finished = actor.run(env).then(
      (value: unknown) => {
        // What the actor returned is part of what a differential run compares (sims/diff).
        bridge.history.complete(op, 'ok', value === undefined ? {} : { result: value });
        return 'ok' as const;
      },
      (error: unknown) => {
        bridge.history.complete(op, 'fail', { error: error instanceof Error ? error.message : String(error) });
        return 'failed' as const;
      },
    );
    // A crashed actor never finishes; stop waiting for it (its connections are already gone).
    const crashedOut = crashed.then(() => {
      bridge.history.complete(op, 'info', { error: 'crashed' });
      return 'crashed' as const;
    });
    return Promise.race([finished, crashedOut]).then((how) => {
      live.delete(actor.name);
      bridge.actorEnded(actor.name, how);
    });
  });
  await driveSchedule(scheduler, bridge, { live: () => [...live], maxSteps: context.maxSteps });
  await Promise.all(runs);
  await bridge.quiesce();
}
