/**
 * Criterion 8, rate limits: the migration runs (uncrashed, then its resume) against the world
 * with the rate limits it declares imposed on the simulated clock. Pass: no request refused for
 * rate (the migration paces itself), and it ends where the unlimited run ended. Reported always:
 * its simulated duration against the floor the limits allow. Per endpoint the migration needs
 * ceil(requests / limit) windows; a run that starts at a window's start (a case's clock does) must
 * reach into the last of them, so the floor is (max over endpoints of that count - 1) windows.
 */
import { firstStateDifference } from './first-state-difference.ts';
import { pointRunResult } from './point-run-result.ts';
import { NO_FAULTS } from '../faults/fault-plan.ts';
import type { HistoryEvent } from '../history/history.ts';
import type { CaseEngine } from '../runner/case-engine.ts';
import { MIGRATE, runMigrationPoint, type MigrationPoint, type MigrationTarget } from './migration-point.ts';
import type { MigrationRateLimits } from './migration-world.ts';
import { criterion, notRun, type Criterion } from './criterion.ts';

export const RATE_LIMITS_TITLE = 'rate limits: paced, duration against the floor';

export interface RateFloor {
  readonly durationMs: number;
  readonly floorMs: number;
  /** Requests and limit per endpoint the actor used, busiest (most windows) first. */
  readonly endpoints: readonly { endpoint: string; requests: number; limit: number; windows: number }[];
}

/** The actor's simulated duration (its run, start to end) and the floor its requests allow. */
export function rateFloor(
  history: readonly HistoryEvent[],
  actor: string,
  limits: MigrationRateLimits<unknown>,
): RateFloor {
  const counts = new Map<string, { requests: number; limit: number }>();
  for (const event of history) {
    if (event.type !== 'invoke' || event.actor !== actor) continue;
    const limited = limits.limitOf(event);
    if (!limited) continue;
    const count = counts.get(limited.endpoint) ?? { requests: 0, limit: limited.limit };
    count.requests++;
    counts.set(limited.endpoint, count);
  }
  const endpoints = [...counts]
    .map(([endpoint, c]) => ({ endpoint, ...c, windows: Math.ceil(c.requests / c.limit) }))
    .sort((a, b) => b.windows - a.windows || a.endpoint.localeCompare(b.endpoint));
  const windows = endpoints[0]?.windows ?? 0;
  const run = history.find((e) => e.type === 'invoke' && e.actor === actor && e.system === 'actor');
  const end = run && history.find((e) => e.type !== 'invoke' && e.op === run.index);
  return {
    durationMs: run && end ? end.time - run.time : 0,
    floorMs: Math.max(0, windows - 1) * limits.windowMs,
    endpoints,
  };
}

export function describeRateFloor(floor: RateFloor): string {
  const ratio = floor.floorMs > 0 ? (floor.durationMs / floor.floorMs).toFixed(2) : 'n/a (one window suffices)';
  return `duration ${(floor.durationMs / 1000).toFixed(1)} s, floor ${(floor.floorMs / 1000).toFixed(1)} s, ratio ${ratio}`;
}

export async function rateLimits<Input, World>(
  target: MigrationTarget<Input, World>,
  engine: CaseEngine,
  baseline: MigrationPoint,
): Promise<Criterion> {
  const title = RATE_LIMITS_TITLE;
  const limits = target.world.rateLimits;
  if (!limits) return notRun('rate-limits', title, 'the world declares no rate limits (rateLimits)');
  const point = await runMigrationPoint(target, engine, NO_FAULTS, 'under rate limits', {
    prepare: (world) => limits.impose(world),
  });
  const invokes = new Map(point.history.filter((e) => e.type === 'invoke').map((e) => [e.index, e]));
  const refused = point.history
    .filter((e) => e.type !== 'invoke' && limits.refused(e))
    .map((e) => {
      const request = invokes.get(e.op);
      return `refused for rate: ${request?.actor ?? e.actor} ${request?.operation ?? e.operation} at ${(e.time / 1000).toFixed(1)} s`;
    });
  const stopped = point.runs.filter((r) => r.result?.stopped).map((r) => `${r.actor} stopped: ${r.result!.stopped!}`);
  const floor = rateFloor(point.history, MIGRATE, limits);
  const busiest = floor.endpoints
    .slice(0, 3)
    .map((e) => `${e.endpoint} ${e.requests}/${e.limit} -> ${e.windows} window(s)`)
    .join(', ');
  return criterion(
    'rate-limits',
    title,
    [
      ...refused,
      ...stopped,
      ...(point.state === baseline.state
        ? []
        : [
            `the rate-limited run's end state differs from the unlimited run's at ${firstStateDifference(baseline.state, point.state)}`,
          ]),
      ...point.violations.map((v) => `${v.invariant}: ${v.message}`),
    ],
    `${describeRateFloor(floor)}; ${refused.length} request(s) refused for rate; limits: ${limits.why}; busiest: ${busiest || 'none'}`,
    [pointRunResult(point, baseline, target.scenario.id, target.seed)],
  );
}
