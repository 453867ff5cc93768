/**
 * The filter language: operator semantics on scalars, arrays and missing fields, dates as
 * instants, and the negations being exact complements (a property over generated values).
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { matchesFilter } from './match-filter.ts';

const opts = { dateFields: new Set(['created_at']), stringFields: new Set(['id']) };
const doc = { id: 'c1', level: 2, tags: ['a', 'b'], created_at: Date.parse('2026-01-01T00:00:00Z') };
const m = (filter: unknown) => matchesFilter(doc, filter, opts);

describe('matchesFilter', () => {
  it('applies each operator', () => {
    expect([
      m({ level: 2 }),
      m({ level: { $eq: 3 } }),
      m({ level: { $gt: 1, $lte: 2 } }),
      m({ level: { $lt: 2 } }),
      m({ level: { $gte: 3 } }),
    ]).toEqual([true, false, true, false, false]);
    expect([
      m({ tags: 'a' }),
      m({ tags: { $in: ['z', 'b'] } }),
      m({ tags: { $nin: ['a'] } }),
      m({ tags: { $contains: 'b' } }),
    ]).toEqual([true, true, false, true]);
    expect([
      m({ missing: { $ne: 1 } }),
      m({ missing: { $nin: [1] } }),
      m({ missing: { $exists: false } }),
      m({ missing: 1 }),
      m({ missing: { $gt: 0 } }),
    ]).toEqual([true, true, true, false, false]);
    expect([
      m({ created_at: '2026-01-01T00:00:00.000Z' }),
      m({ created_at: { $gt: '2025-12-31T23:59:59Z' } }),
      m({ created_at: { $lt: '2026-01-01T00:00:00Z' } }),
    ]).toEqual([true, true, false]);
    expect([
      m({ $or: [{ level: 9 }, { id: 'c1' }] }),
      m({ $and: [{ level: 2 }, { id: 'c2' }] }),
      m({ $nor: [{ level: 9 }] }),
    ]).toEqual([true, false, true]);
    expect(m({ level: { $in: ['2'] } })).toBe(false);
  });

  it('rejects malformed filters with code 4 errors', () => {
    expect(() => m({ level: { $exists: 1 } })).toThrow('$exists operator only support boolean values');
    expect(() => m({ id: 5 })).toThrow('field `id` contains type number. expecting string');
    expect(() => m({ level: { $regex: 'x' } })).toThrow(/not supported/);
    expect(() => m({ $or: [] })).toThrow(/non-empty array/);
    expect(() => m({ level: { $in: 2 } })).toThrow(/array/);
  });

  const value = fc.oneof(
    fc.integer({ min: 0, max: 3 }),
    fc.constantFrom('x', 'y'),
    fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
  );
  test.prop([
    fc.option(value, { nil: undefined }),
    fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('x', 'y')), { maxLength: 3 }),
  ])('$nin is the complement of $in and $ne of $eq', (field, list) => {
    const d = field === undefined ? {} : { f: field };
    expect(matchesFilter(d, { f: { $nin: list } }, opts)).toBe(!matchesFilter(d, { f: { $in: list } }, opts));
    const probe = list[0] ?? 0;
    expect(matchesFilter(d, { f: { $ne: probe } }, opts)).toBe(!matchesFilter(d, { f: { $eq: probe } }, opts));
  });
});
