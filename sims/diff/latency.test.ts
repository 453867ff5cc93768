import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../history/history.ts';
import { addActorDurations, latencyMisses, latencyTable, type Samples } from './latency.ts';

function history(
  runs: Array<[actor: string, start: number, end: number, type?: 'ok' | 'fail' | 'info']>,
): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  for (const [actor, start, end, type] of runs) {
    const op = events.length;
    events.push({ index: op, op, type: 'invoke', time: start, actor, system: 'actor', operation: 'run' });
    events.push({ index: op + 1, op, type: type ?? 'ok', time: end, actor, system: 'actor', operation: 'run' });
  }
  return events;
}

describe('latency', () => {
  it('groups actors by name without their number, leaves crashed runs out, and gives new/old per percentile', () => {
    const old: Samples = new Map();
    const fresh: Samples = new Map();
    addActorDurations(
      old,
      history([
        ['sync-all-1', 0, 100],
        ['sync-all-2', 0, 200],
        ['admin-1', 0, 5, 'info'],
      ]),
    );
    addActorDurations(
      fresh,
      history([
        ['sync-all-1', 0, 50],
        ['sync-all-2', 0, 100, 'fail'],
      ]),
    );
    const table = latencyTable(old, fresh);
    expect(table.map((row) => row.operation)).toEqual(['sync-all run']);
    expect(table[0]).toMatchObject({
      count: { old: 2, new: 2 },
      old: { p50: 100, p99: 200 },
      new: { p50: 50, p99: 100 },
    });
    expect(table[0]!.ratio).toEqual({ p50: 0.5, p95: 0.5, p99: 0.5 });
  });

  it('a demanded ratio fails the rows above it, and only those', () => {
    const rows = latencyTable(
      new Map([
        ['a run', [100]],
        ['b run', [100]],
      ]),
      new Map([
        ['a run', [90]],
        ['b run', [70]],
      ]),
    );
    expect(latencyMisses(rows, { p95: 0.8 })).toEqual(['a run p95 0.90x > 0.80x demanded']);
    expect(latencyMisses(rows, { p95: 0.9 })).toEqual([]);
    expect(latencyMisses(rows, undefined)).toEqual([]);
  });
});
