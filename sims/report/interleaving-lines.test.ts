/**
 * The console interleaving: a short one whole with the steps that touch the violation marked; a
 * long one cut around those steps with the rest counted, so the bad write deep in a history is
 * on screen; without anything to match, its first and last steps. And the violations grouped.
 */
import { describe, expect, it } from 'vitest';
import { HistoryRecorder } from '../history/history.ts';
import type { Violation } from '../invariants/invariant.ts';
import { interleavingLines } from './interleaving-lines.ts';
import { violationLines } from './violation-lines.ts';

const tenant = '76785d81-292b-4386-8a97-d6a54abb081d';

/** `n` inserts of bookings 1..n by one actor, every one carrying the tenant. */
function inserts(n: number) {
  let now = 0;
  const h = new HistoryRecorder(() => now);
  h.invoke('sync-all', 'actor', 'run');
  for (let id = 1; id <= n; id++) {
    now++;
    const op = h.invoke('sync-all', 'pg', 'query', {
      sql: 'INSERT INTO guest_reservations (tenant_id, external_booking_id)\n  VALUES ($1, $2)',
      params: [tenant, id],
    });
    h.complete(op, 'ok', { result: { rowCount: 1, rows: [] } });
  }
  return h.events;
}

const nullUnit = (id: number): Violation => ({
  invariant: 'no-null-unit',
  message: `booking ${id} is stored with a NULL unit`,
  details: { tenantId: tenant, externalBookingId: id },
});

describe('interleavingLines', () => {
  it('shows a short interleaving whole and marks the steps that touch the violation, not the tenant', () => {
    const lines = interleavingLines({ history: inserts(5), violations: [nullUnit(3)] });
    expect(lines[0]).toBe('interleaving (* = touches externalBookingId=3):');
    expect(lines).toHaveLength(6);
    expect(lines.filter((line) => line.startsWith('  * '))).toEqual([
      expect.stringContaining(`VALUES ($1, $2) ["${tenant}",3]`),
    ]);
  });

  it('cuts a long one around the touching step with one step of context, counting what it left out', () => {
    const lines = interleavingLines({ history: inserts(300), violations: [nullUnit(269)] });
    expect(lines).toEqual([
      'interleaving (* = touches externalBookingId=269):',
      '    ... 267 steps',
      expect.stringMatching(/^ {4}t= 268ms sync-all .*",268\]$/),
      expect.stringMatching(/^ {2}\* t= 269ms sync-all .*",269\]$/),
      expect.stringMatching(/^ {4}t= 270ms sync-all .*",270\]$/),
      '    ... 30 steps',
      '    (3 of 300 steps shown; every step in --json, --html or --trace)',
    ]);
  });

  it('without anything to match, shows the first and the last steps', () => {
    const lines = interleavingLines({
      history: inserts(100),
      violations: [{ invariant: 'converges', message: 'never converged' }],
    });
    expect(lines[0]).toBe('interleaving:');
    expect(lines).toContain('    ... 60 steps');
    expect(lines.at(-2)).toMatch(/t= 100ms/);
    expect(lines.at(-1)).toBe('    (40 of 100 steps shown; every step in --json, --html or --trace)');
  });
});

describe('violationLines', () => {
  it('shows up to three of an invariant and counts the rest; four are shown as four', () => {
    const many = Array.from({ length: 86 }, (_, i) => nullUnit(i + 1));
    expect(violationLines(many)).toEqual([
      'no-null-unit: booking 1 is stored with a NULL unit',
      'no-null-unit: booking 2 is stored with a NULL unit',
      'no-null-unit: booking 3 is stored with a NULL unit',
      'no-null-unit: ... and 83 more (86 in all; every one in --json)',
    ]);
    expect(violationLines(many.slice(0, 4))).toHaveLength(4);
    const other: Violation = { invariant: 'junction-complete', message: 'booking 1 has no rows' };
    expect(violationLines([...many.slice(0, 5), other]).at(-1)).toBe('junction-complete: booking 1 has no rows');
  });
});
