import { describe, expect, it } from 'vitest';
import { firstStateDifference } from './first-state-difference.ts';

describe('firstStateDifference', () => {
  it('is undefined for equal states and names the first differing leaf otherwise', () => {
    const a = JSON.stringify({ rows: [{ page: '/a', visits: 3 }], users: ['x'] });
    expect(firstStateDifference(a, a)).toBeUndefined();
    expect(firstStateDifference(a, JSON.stringify({ rows: [{ page: '/a', visits: 6 }], users: ['x'] }))).toBe(
      'rows[0]{page="/a"}.visits: 3 vs 6',
    );
  });

  it('reports a missing row as a length, a missing key as (missing)', () => {
    expect(firstStateDifference(JSON.stringify([1, 2]), JSON.stringify([1]))).toBe('(top).length: 2 vs 1');
    expect(firstStateDifference(JSON.stringify({ a: 1 }), JSON.stringify({ a: 1, b: 'x' }))).toBe(
      'b: (missing) vs "x"',
    );
  });
});
