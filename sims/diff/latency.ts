/**
 * Simulated latency of each actor's work on both sides of a differential run, from the history:
 * an actor's run() from its start to its end on the simulated clock (1 ms per released
 * operation, plus the fakes' latency faults and the sleeps), so both sides are timed under the
 * same load, the same faults and the same scheduling choices. Actors are grouped by name with
 * their number dropped (`sync-all-1`, `sync-all-2` -> `sync-all`); crashed runs are left out.
 */
import type { HistoryEvent } from '../history/history.ts';

export type Samples = Map<string, number[]>;

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

export interface LatencyRow {
  operation: string;
  count: { old: number; new: number };
  old: Percentiles;
  new: Percentiles;
  /** new / old per percentile (undefined when old is 0 ms). */
  ratio: { p50?: number; p95?: number; p99?: number };
}

export function addActorDurations(samples: Samples, history: readonly HistoryEvent[]): void {
  const started = new Map<number, HistoryEvent>();
  for (const event of history) {
    if (event.system !== 'actor') continue;
    if (event.type === 'invoke') started.set(event.index, event);
    else if (event.type !== 'info') {
      const start = started.get(event.op);
      if (!start) continue;
      const key = `${event.actor.replace(/-\d+$/, '')} run`;
      samples.set(key, [...(samples.get(key) ?? []), event.time - start.time]);
    }
  }
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

export function latencyTable(old: Samples, fresh: Samples): LatencyRow[] {
  const keys = [...new Set([...old.keys(), ...fresh.keys()])].sort();
  return keys.map((operation) => {
    const a = percentiles(old.get(operation) ?? []);
    const b = percentiles(fresh.get(operation) ?? []);
    const ratio = (x: number, y: number) => (x === 0 ? undefined : Math.round((y / x) * 100) / 100);
    const r = { p50: ratio(a.p50, b.p50), p95: ratio(a.p95, b.p95), p99: ratio(a.p99, b.p99) };
    return {
      operation,
      count: { old: old.get(operation)?.length ?? 0, new: fresh.get(operation)?.length ?? 0 },
      old: a,
      new: b,
      ratio: Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)),
    };
  });
}

/** The rows whose ratio is above what the scenario demands, as lines for the report. */
export function latencyMisses(rows: readonly LatencyRow[], demand: LatencyRow['ratio'] | undefined): string[] {
  if (!demand) return [];
  const misses: string[] = [];
  for (const row of rows)
    for (const key of ['p50', 'p95', 'p99'] as const) {
      const limit = demand[key];
      const ratio = row.ratio[key];
      if (limit !== undefined && ratio !== undefined && ratio > limit)
        misses.push(`${row.operation} ${key} ${ratio.toFixed(2)}x > ${limit.toFixed(2)}x demanded`);
    }
  return misses;
}
