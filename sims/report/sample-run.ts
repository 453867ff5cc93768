/**
 * A small RunResult with everything a timeline draws, for the report tests: two workers, a
 * webhook delivery overlapping them, three faults (one a crash), a call never completed and one
 * violation naming booking 42.
 */
import { HistoryRecorder } from '../history/history.ts';
import type { RunResult } from '../runner/run-result.ts';

export function sampleRun(overrides: Partial<RunResult> = {}): RunResult {
  let now = 0;
  const h = new HistoryRecorder(() => now);
  const run1 = h.invoke('worker-1', 'actor', 'run');
  const run2 = h.invoke('worker-2', 'actor', 'run');
  now = 1;
  const read = h.invoke('worker-1', 'pg', 'query', { sql: 'SELECT * FROM bookings WHERE id = $1', params: [42] });
  h.complete(read, 'ok', { result: { rowCount: 1, rows: [{ id: 42, unit: 7 }] } });
  now = 2;
  const hook = h.invoke('stream-webhooks', 'stream', 'webhook message.new', { webhook_id: 'w-1', attempt: 1 });
  now = 3;
  const write = h.invoke('worker-2', 'pg', 'query', {
    sql: 'UPDATE bookings SET unit = NULL WHERE id = $1',
    params: [42],
    password: 'hunter2',
  });
  h.complete(hook, 'ok', { result: { status: 200 } });
  h.complete(write, 'fail', { error: '40001 syncsim fault: could not serialize access' });
  now = 4;
  const other = h.invoke('worker-1', 'pg', 'query', { sql: 'SELECT * FROM bookings WHERE id = $1', params: [420] });
  h.complete(other, 'ok', { result: { rowCount: 0, rows: [] } });
  const get = h.invoke('worker-1', 'motopress', 'GET /wp-json/mphb/v1/bookings/42');
  now = 30_004;
  h.complete(get, 'info', { error: 'ECONNRESET' });
  const doomed = h.invoke('worker-2', 'pg', 'query', { sql: 'COMMIT' });
  h.complete(doomed, 'info', { error: 'syncsim fault: actor crashed before this operation' });
  h.complete(run2, 'info', { error: 'crashed' });
  h.invoke('worker-1', 'fs', 'writeFile', { name: 'session.json' });
  void run1;
  return {
    scenario: 'sample',
    variant: 'before',
    expect: 'breaks',
    status: 'broken',
    met: true,
    seed: -5,
    path: '3:1',
    cases: 4,
    runs: 100,
    shrinks: 1,
    shrinkCases: 2,
    shrinkStopped: false,
    lockWaits: 0,
    faultPlan: 'pg-serialization-failure@10%, http-latency@5%, crash@5%',
    faultsInjected: [
      'pg-serialization-failure worker-2 query',
      'http-latency worker-1 GET /wp-json/mphb/v1/bookings/42',
      'crash worker-2 query',
    ],
    phase: 'chaos',
    violations: [
      {
        invariant: 'no-null-unit',
        message: 'booking 42 has no unit',
        details: { externalBookingId: 42, expected: 1, actual: 0 },
      },
    ],
    broken: ['no-null-unit'],
    history: h.events,
    schedule: [],
    ...overrides,
  };
}
