import { describe, expect, it } from 'vitest';
import type { CaseState } from './case-state.ts';
import { compareStates, measureNoise } from './compare-states.ts';
import { ignoredBy } from './ignore-rules.ts';

const state = (over: Partial<CaseState> = {}): CaseState => ({
  actors: { 'webhook-1': { outcome: 'ok', result: { status: 200 } } },
  pg: {
    'public.rooms': [
      { id: 1, unread: 2, created_at: '2026-11-30T09:00:00.001Z' },
      { id: 2, unread: 0, created_at: '2026-11-30T09:00:00.002Z' },
    ],
  },
  fakes: [{ bookings: [{ id: 7, status: 'confirmed' }] }],
  files: { 'a.json': { state: 'open' } },
  invariants: [],
  ...over,
});

describe('compareStates', () => {
  it('finds a changed cell, a missing row, an actor result and a fake field, in report order', () => {
    const a = state();
    const b = state({
      actors: { 'webhook-1': { outcome: 'fail', error: 'deadlock detected' } },
      pg: { 'public.rooms': [{ id: 1, unread: 1, created_at: '2026-11-30T09:00:00.001Z' }] },
      fakes: [{ bookings: [{ id: 7, status: 'cancelled' }] }],
    });
    const paths = compareStates(a, b, new Set()).map((d) => d.path);
    expect(paths[0]).toBe('actors.webhook-1.error');
    expect(paths).toContain('pg.public.rooms[0].unread');
    expect(paths).toContain('pg.public.rooms[1].id');
    expect(paths).toContain('fakes[0].bookings[0].status');
    expect(paths.indexOf('pg.public.rooms[0].unread')).toBeLessThan(paths.indexOf('fakes[0].bookings[0].status'));
    expect(compareStates(a, state(), new Set())).toEqual([]);
  });

  it('rows compare as a set: the same rows in another order are no difference', () => {
    const a = state();
    const b = state({ pg: { 'public.rooms': [...a.pg['public.rooms']!].reverse() } });
    expect(compareStates(a, b, new Set())).toEqual([]);
  });

  it('self-comparison: a timestamp column that differs becomes a rule, and ignoring it re-sorts the rows', () => {
    const a = state();
    // Same rows, other timestamps, in an order only the timestamps decided.
    const b = state({
      pg: {
        'public.rooms': [
          { id: 2, unread: 0, created_at: '2026-11-30T10:00:00.001Z' },
          { id: 1, unread: 2, created_at: '2026-11-30T10:00:00.002Z' },
        ],
      },
    });
    const noise = measureNoise(a, b, new Set());
    expect([...noise]).toEqual(['pg.public.rooms[*].created_at']);
    expect(compareStates(a, b, noise)).toEqual([]);
    // ...while a real difference still shows through it.
    const c = state({ pg: { 'public.rooms': [{ id: 1, unread: 3, created_at: 'x' }, a.pg['public.rooms']![1]!] } });
    expect(compareStates(a, c, noise).map((d) => d.path)).toEqual(['pg.public.rooms[0].unread']);
  });

  it('rules: [*] for any index, * for any run of characters, a whole object by its path', () => {
    expect(ignoredBy(new Set(['pg.*.updated_at']), 'pg.public.rooms[3].updated_at')).toBe(true);
    expect(ignoredBy(new Set(['pg.*.updated_at']), 'pg.public.rooms[3].updated_atx')).toBe(false);
    expect(ignoredBy(new Set(['fakes[*].bookings']), 'fakes[1].bookings[4].status')).toBe(true);
    expect(ignoredBy(new Set(['fakes[*].bookings']), 'fakes[1].bookingsx')).toBe(false);
  });
});
