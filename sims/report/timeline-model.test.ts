/**
 * The timeline both views draw: invokes paired with completions (pending ones run to the end),
 * a lane per actor then the webhook deliveries, faults matched to the operations they hit (the
 * history has no fault records), and the operations a violation names found by its identifying
 * details.
 */
import { describe, expect, it } from 'vitest';
import { sampleRun } from './sample-run.ts';
import { timeline, violationHits } from './timeline-model.ts';

describe('timeline', () => {
  const model = timeline(sampleRun());
  const op = (id: number) => model.ops.find((o) => o.id === id)!;

  it('a lane per actor in order of appearance, then the webhook deliveries', () => {
    expect(model.lanes).toEqual([
      { name: 'worker-1', kind: 'actor' },
      { name: 'worker-2', kind: 'actor' },
      { name: 'stream-webhooks', kind: 'webhooks' },
    ]);
    expect(op(4).lane).toBe(2);
  });

  it('pairs each invoke with its completion; a call never completed is pending to the end', () => {
    expect(model.ops.map((o) => [o.id, o.end, o.outcome])).toEqual([
      [0, model.events, 'pending'],
      [1, 14, 'info'],
      [2, 3, 'ok'],
      [4, 6, 'ok'],
      [5, 7, 'fail'],
      [8, 9, 'ok'],
      [10, 11, 'info'],
      [12, 13, 'info'],
      [15, model.events, 'pending'],
    ]);
    expect(op(5)).toMatchObject({
      label: 'UPDATE bookings SET unit = NULL WHERE id = $1',
      kind: 'pg UPDATE',
      args: { password: '[redacted]' },
      error: '40001 syncsim fault: could not serialize access',
    });
    expect(op(10)).toMatchObject({
      kind: 'motopress GET /wp-json/mphb/v1/bookings/{id}',
      startTime: 4,
      endTime: 30_004,
    });
  });

  it('matches each fault to the operation it hit; a crash stays active to the end', () => {
    expect(model.faults.map((f) => [f.kind, f.actor, f.operation, f.op, f.from, f.to])).toEqual([
      ['pg-serialization-failure', 'worker-2', 'query', 5, 5, 7],
      ['http-latency', 'worker-1', 'GET /wp-json/mphb/v1/bookings/42', 10, 10, 11],
      ['crash', 'worker-2', 'query', 12, 12, model.events],
    ]);
  });

  it('a fault that matches no operation keeps its place without an operation', () => {
    const lone = timeline(sampleRun({ faultsInjected: ['fs-enospc worker-3 writeFile'] }));
    expect(lone.faults).toEqual([
      {
        text: 'fs-enospc worker-3 writeFile',
        kind: 'fs-enospc',
        actor: 'worker-3',
        operation: 'writeFile',
        from: 0,
        to: 0,
      },
    ]);
  });

  it('highlights the operations that touch what the violation names (its id-like details only)', () => {
    expect(model.hits).toHaveLength(1);
    expect(model.hits[0]).toMatchObject({ names: ['externalBookingId=42'], ops: [2, 5, 10], lanes: [0, 1] });
  });

  it('numbers match whole: not inside 420, not as the $1 placeholder; strings match inside strings', () => {
    const ops = timeline(sampleRun()).ops;
    const hits = (details: Record<string, unknown>) =>
      violationHits({ invariant: 'x', message: 'm', details }, ops).ops;
    expect(hits({ bookingId: 1 })).toEqual([]);
    expect(hits({ bookingId: 420 })).toEqual([8]);
    expect(hits({ file: 'session.json' })).toEqual([15]);
    expect(hits({ webhookId: 'w-1' })).toEqual([4]);
    expect(hits({ count: 42 })).toEqual([]);
    expect(violationHits({ invariant: 'x', message: 'm' }, ops)).toMatchObject({ names: [], ops: [], lanes: [] });
  });
});
