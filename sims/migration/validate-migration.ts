/**
 * `syncsim validate-migration`: one verdict per criterion a migration must meet before it runs
 * in production (issue 11; prior art in shared/reference/wave2-anchors.md), each with its
 * evidence. Everything runs from the same uncrashed run (the baseline) and the crash sweep.
 */
import { crashSweep, describeCrashSweep } from '../faults/crash-sweep.ts';
import type { HistoryEvent } from '../history/history.ts';
import type { CaseEngine } from '../runner/case-engine.ts';
import { firstStateDifference } from './first-state-difference.ts';
import { criterion, notRun, type Criterion } from './criterion.ts';
import { DEFAULT_LIVE_RUNS, liveTraffic } from './live-traffic.ts';
import { MIGRATE, RESUME, runMigrationPoint, type MigrationPoint, type MigrationTarget } from './migration-point.ts';
import { RATE_LIMITS_TITLE, rateLimits } from './rate-limits.ts';
import { pointRunResult } from './point-run-result.ts';

export type { Criterion, CriterionStatus } from './criterion.ts';

export interface ValidateOptions {
  /** Monotonic milliseconds for the runtime figures (time is reported, never decides). */
  readonly now: () => number;
  /** Cases of the live-traffic search (default DEFAULT_LIVE_RUNS). */
  readonly liveRuns?: number | undefined;
  /** Replay only the live-traffic case at this path. */
  readonly livePath?: string | undefined;
}

/** Criteria 1-6 by id, in order (7 and 8 name themselves). */
const TITLES = {
  'dry-run-equals-apply': 'dry-run = apply',
  'crash-resume': 'crash anywhere, then resume',
  'second-run-no-op': 'second run is a no-op',
  scope: 'scope: outside it unchanged',
  threshold: 'threshold: stops past it, a later run finishes',
  'domain-invariants': 'domain invariants after the run',
} as const;

/** The writes `actor` made that did not certainly fail (a lost response may have written). */
function writesOf(history: readonly HistoryEvent[], actor: string, isWrite: (e: HistoryEvent) => boolean) {
  const failed = new Set(history.filter((e) => e.type === 'fail').map((e) => e.op));
  return history.filter((e) => e.actor === actor && isWrite(e) && !failed.has(e.index));
}

export async function validateMigration<Input, World>(
  target: MigrationTarget<Input, World>,
  engine: CaseEngine,
  options: ValidateOptions,
): Promise<Criterion[]> {
  const { world } = target;
  const { now } = options;
  const live = () =>
    liveTraffic(target, engine, { runs: options.liveRuns ?? DEFAULT_LIVE_RUNS, path: options.livePath, now });
  // A replay line of criterion 7 replays that one case, nothing else.
  if (options.livePath !== undefined) return replayLiveCase(await live());
  const run = (plan: Parameters<typeof runMigrationPoint>[2], label: string) =>
    runMigrationPoint(target, engine, plan, label);
  const sweep = await crashSweep<MigrationPoint>({
    actor: MIGRATE,
    isWrite: (e) => world.isWrite(e),
    runPoint: run,
    now,
  });
  const baseline = sweep.points[0]!;
  const first = baseline.runs.find((r) => r.actor === MIGRATE);
  const writes = writesOf(baseline.history, MIGRATE, (e) => world.isWrite(e));
  const criteria: Criterion[] = [];
  const shown = (points: readonly MigrationPoint[]) =>
    points.map((p) => pointRunResult(p, baseline, target.scenario.id, target.seed));
  // The uncrashed run, drawn once for the three criteria judged on it alone.
  const uncrashed = shown([baseline]);

  criteria.push(
    criterion(
      'dry-run-equals-apply',
      TITLES['dry-run-equals-apply'],
      first?.plan
        ? world.dryRunDifferences(first.plan, first.result, baseline.history, MIGRATE)
        : ['the uncrashed run never planned'],
      `${first?.plan?.actions.length ?? 0} planned action(s), ${writes.length} write(s) performed`,
      uncrashed,
    ),
  );

  criteria.push(
    criterion(
      'crash-resume',
      TITLES['crash-resume'],
      [
        ...sweep.diverged.map(
          (p) =>
            `${p.label}: end state differs from the uncrashed run's at ${firstStateDifference(baseline.state, p.state)}`,
        ),
        ...sweep.broken,
      ],
      describeCrashSweep(sweep),
      shown(sweep.points.filter((p) => p.state !== baseline.state || p.violations.length > 0)),
    ),
  );

  const again = writesOf(baseline.history, RESUME, (e) => world.isWrite(e));
  criteria.push(
    criterion(
      'second-run-no-op',
      TITLES['second-run-no-op'],
      again.map((e) => `the second run wrote: ${e.system} ${e.operation}`),
      `${again.length} write(s) by the run after a finished run`,
      uncrashed,
    ),
  );

  const touched = sweep.points.filter((p) => p.outsideAfter !== p.outsideBefore);
  criteria.push(
    criterion(
      'scope',
      TITLES['scope'],
      touched.map((p) => `${p.label}: state outside ${describeScope(target.scope)} changed`),
      `state outside ${describeScope(target.scope)} compared before and after each of ${sweep.points.length} runs`,
      shown(touched),
    ),
  );

  criteria.push(await threshold(target, engine, baseline));

  criteria.push(
    criterion(
      'domain-invariants',
      TITLES['domain-invariants'],
      baseline.violations.map((v) => `${v.invariant}: ${v.message}`),
      `${world.invariants.map((i) => i.name).join(', ')} after the uncrashed run and its re-run`,
      uncrashed,
    ),
  );
  criteria.push(await live());
  criteria.push(await rateLimits(target, engine, baseline));
  return criteria;
}

async function threshold<Input, World>(
  target: MigrationTarget<Input, World>,
  engine: CaseEngine,
  baseline: MigrationPoint,
): Promise<Criterion> {
  const title = TITLES.threshold;
  const planned = baseline.runs.find((r) => r.actor === MIGRATE)?.plan;
  if (!target.world.overThreshold) return notRun('threshold', title, 'the world names no failures to inject');
  if (!planned)
    return { id: 'threshold', title, status: 'inconclusive', evidence: ['the uncrashed run never planned'] };
  const script = target.world.overThreshold(planned, baseline.history, MIGRATE);
  if (script.length === 0)
    return { id: 'threshold', title, status: 'inconclusive', evidence: ['the world found no planned writes to fail'] };
  const point = await runMigrationPoint(target, engine, { rates: {}, script }, 'failures past the threshold');
  const [stopped, resumed] = [MIGRATE, RESUME].map((actor) => point.runs.find((r) => r.actor === actor)?.result);
  const problems = [
    ...(stopped?.stopped ? [] : ['the run did not stop (no reason given)']),
    ...(resumed && !resumed.stopped ? [] : ['the later run did not finish']),
    ...(point.state === baseline.state
      ? []
      : [
          `the later run's end state differs from the uncrashed run's at ${firstStateDifference(baseline.state, point.state)}`,
        ]),
    ...point.violations.map((v) => `${v.invariant}: ${v.message}`),
  ];
  return criterion(
    'threshold',
    title,
    problems,
    `injected: ${script.map((f) => `${f.kind}#${f.at}`).join(', ')}; stopped: ${stopped?.stopped ?? 'no'}`,
    [pointRunResult(point, baseline, target.scenario.id, target.seed)],
  );
}

/** The table of a --path replay: criterion 7's case, the others said not run (in their places). */
function replayLiveCase(live: Criterion): Criterion[] {
  const skipped = (id: string, title: string) => notRun(id, title, '--path replays one live-traffic case only');
  return [
    ...Object.entries(TITLES).map(([id, title]) => skipped(id, title)),
    live,
    skipped('rate-limits', RATE_LIMITS_TITLE),
  ];
}

export function describeScope(scope: Readonly<Record<string, string>>): string {
  return Object.entries(scope)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
