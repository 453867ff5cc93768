/**
 * Crash anywhere, then resume, for EVERY step (not a sample): the sweep behind a migration's
 * "killed at any point and re-run, it converges". One uncrashed run counts the actor's I/O steps
 * (each Postgres statement and checkout, each HTTP request the gate released); then, for every
 * step k, a run crashed right before step k (the scripted crash: k and everything after never
 * happen) and resumed; and for every write (an HTTP request or a Postgres statement), a run whose
 * response is lost (the write was executed, the actor saw an error) and resumed. What a run is, how it resumes and what its end state is
 * belong to the caller (`runPoint`): a scenario's test and `syncsim validate-migration` share this.
 */
import type { HistoryEvent } from '../history/history.ts';
import type { Violation } from '../invariants/invariant.ts';
import { NO_FAULTS, type FaultPlan } from './fault-plan.ts';

export interface SweepPoint {
  readonly label: string;
  /** The end state after the resume, serialized: equal strings mean the same end state. */
  readonly state: string;
  readonly violations: readonly Violation[];
  readonly history: readonly HistoryEvent[];
  /** The faults that fired (a crash past the last step never does). */
  readonly faults: readonly string[];
  /** The scripted fault of this point, for its replay line (none for the uncrashed run). */
  readonly plan?: FaultPlan;
}

export interface CrashSweepOptions<P extends SweepPoint> {
  /** The actor crashed (its operations are the steps counted). */
  readonly actor: string;
  /** Runs the actor under `plan`, resumes it with faults off, returns the end state. */
  readonly runPoint: (plan: FaultPlan, label: string) => Promise<P>;
  /** Which of the actor's requests and statements are writes (a lost response is swept at each). */
  readonly isWrite: (event: HistoryEvent) => boolean;
  /** Monotonic milliseconds for the runtime figure (performance.now; not a wall-clock date). */
  readonly now?: () => number;
}

export interface CrashSweep<P extends SweepPoint> {
  readonly steps: number;
  readonly writes: number;
  /** The uncrashed run first, then every crash point, then every lost response. */
  readonly points: readonly P[];
  /** Points whose end state differs from the uncrashed run's. */
  readonly diverged: readonly P[];
  /** `label: invariant: message`, for every violation at every point. */
  readonly broken: readonly string[];
  readonly ms: number;
}

/** HTTP requests count for the gate's response-lost asks; Postgres statements (not checkouts) for pg-response-lost. */
const isHttp = (event: HistoryEvent) => event.system !== 'pg' && event.system !== 'actor';
const isStatement = (event: HistoryEvent) => event.system === 'pg' && event.operation === 'query';

export async function crashSweep<P extends SweepPoint>(options: CrashSweepOptions<P>): Promise<CrashSweep<P>> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const { actor, runPoint } = options;
  const baseline = await runPoint(NO_FAULTS, 'uncrashed');
  // Every operation the actor released (the gate asks about a crash before each).
  const ops = baseline.history.filter((e) => e.type === 'invoke' && e.actor === actor && e.system !== 'actor');
  const lost = [
    ...writesAmong(ops.filter(isHttp), options.isWrite, 'response-lost', 'request'),
    ...writesAmong(ops.filter(isStatement), options.isWrite, 'pg-response-lost', 'statement'),
  ];
  const points: P[] = [baseline];
  for (let k = 1; k <= ops.length + 1; k++) {
    const label = `crash before step ${k}${k > ops.length ? ' (past the end)' : ` (${what(ops[k - 1]!)})`}`;
    points.push(await runPoint({ rates: {}, script: [{ kind: 'crash', actor, at: k }] }, label));
  }
  for (const { kind, at, label } of lost)
    points.push(await runPoint({ rates: {}, script: [{ kind, actor, at }] }, label));
  return {
    steps: ops.length,
    writes: lost.length,
    points,
    diverged: points.filter((p) => p.state !== baseline.state),
    broken: points.flatMap((p) => p.violations.map((v) => `${p.label}: ${v.invariant}: ${v.message}`)),
    ms: now() - started,
  };
}

/** The figure the issue asks for: how many crash points were swept, and how long it took. */
export function describeCrashSweep(sweep: CrashSweep<SweepPoint>): string {
  return (
    `${sweep.steps} steps -> ${sweep.steps + 1} crash points + ${sweep.writes} lost responses` +
    ` + 1 uncrashed = ${sweep.points.length} runs in ${(sweep.ms / 1000).toFixed(1)} s;` +
    ` ${sweep.diverged.length} diverged, ${sweep.broken.length} violation(s)`
  );
}

/**
 * The writes among `asked` (the operations the gate asks `kind` about, in order), each with the
 * 1-based count of its ask: the scripted fault's `at`.
 */
function writesAmong(
  asked: readonly HistoryEvent[],
  isWrite: (event: HistoryEvent) => boolean,
  kind: 'response-lost' | 'pg-response-lost',
  noun: string,
): { kind: 'response-lost' | 'pg-response-lost'; at: number; label: string }[] {
  return asked.flatMap((e, i) =>
    isWrite(e) ? [{ kind, at: i + 1, label: `response lost at ${e.system} ${noun} ${i + 1} (${what(e)})` }] : [],
  );
}

const what = (e: HistoryEvent): string => {
  const sql = (e.args as { sql?: unknown } | undefined)?.sql;
  return typeof sql === 'string' ? (sql.length > 60 ? `${sql.slice(0, 60)}...` : sql) : e.operation;
};
