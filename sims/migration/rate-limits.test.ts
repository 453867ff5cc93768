// The floor criterion 8 reports: windows per endpoint from the actor's own requests only.
import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../history/history.ts';
import type { MigrationRateLimits } from './migration-world.ts';
import { describeRateFloor, rateFloor } from './rate-limits.ts';

const limits: MigrationRateLimits<unknown> = {
  why: 'test',
  windowMs: 60_000,
  impose: () => undefined,
  limitOf: (e) =>
    e.operation === 'swap'
      ? { endpoint: 'Swap', limit: 2 }
      : e.operation === 'read'
        ? { endpoint: 'Read', limit: 10 }
        : undefined,
  refused: () => false,
};

function history(actor: string, operations: string[], runMs: number): HistoryEvent[] {
  const events: HistoryEvent[] = [
    { index: 0, op: 0, type: 'invoke', time: 0, actor, system: 'actor', operation: 'run' },
  ];
  for (const operation of operations)
    events.push({
      index: events.length,
      op: events.length,
      type: 'invoke',
      time: 0,
      actor,
      system: 'stream',
      operation,
    });
  events.push({ index: events.length, op: 0, type: 'ok', time: runMs, actor, system: 'actor', operation: 'run' });
  return events;
}

describe('rateFloor', () => {
  it('5 requests at 2 a window need 3 windows: the floor is 2 windows; other actors do not count', () => {
    const events = [
      ...history('migrate', ['swap', 'read', 'swap', 'swap', 'swap', 'swap', 'other'], 150_000),
      ...history('resume', ['swap', 'swap', 'swap'], 1),
    ].map((e, index) => ({ ...e, index, op: e.type === 'invoke' ? index : e.op }));
    const floor = rateFloor(events, 'migrate', limits);
    expect(floor.endpoints[0]).toEqual({ endpoint: 'Swap', requests: 5, limit: 2, windows: 3 });
    expect(floor.floorMs).toBe(120_000);
    expect(floor.durationMs).toBe(150_000);
    expect(describeRateFloor(floor)).toBe('duration 150.0 s, floor 120.0 s, ratio 1.25');
  });

  it('within one window the floor is 0 and the ratio is not given', () => {
    const floor = rateFloor(history('migrate', ['swap', 'swap'], 0), 'migrate', limits);
    expect(describeRateFloor(floor)).toBe('duration 0.0 s, floor 0.0 s, ratio n/a (one window suffices)');
  });
});
