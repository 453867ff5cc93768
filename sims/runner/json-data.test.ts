import { describe, expect, it } from 'vitest';
import { jsonData } from './json-data.ts';

describe('jsonData', () => {
  it('keeps what JSON can say and spells out the rest, losing no element', () => {
    const input = {
      deliveries: Array.from({ length: 50 }, (_, i) => i),
      at: new Date(Date.UTC(2025, 10, 19)),
      big: 12n,
      seen: new Set(['a']),
      byId: new Map([[1, { ok: true }]]),
      missing: undefined,
      ratio: Number.NaN,
    };
    expect(jsonData(input)).toEqual({
      deliveries: input.deliveries,
      at: '2025-11-19T00:00:00.000Z',
      big: '12',
      seen: ['a'],
      byId: [[1, { ok: true }]],
      missing: null,
      ratio: 'NaN',
    });
    expect(jsonData(null)).toBeNull();
  });
});
