/**
 * idempotent (liveness, after heal): the heal phase runs sync-all twice per tenant and snapshots
 * the tenant's rows (timestamps included) after each; the second sync must change nothing.
 */
import { defineInvariant, type Violation } from 'syncsim';
import type { HotelWorld } from '../hotel-world.ts';

export const idempotent = defineInvariant<HotelWorld>({
  name: 'idempotent',
  kind: 'liveness',
  description: 'a second sync-all after heal changes no row',
  check({ world }) {
    const violations: Violation[] = [];
    for (const site of world.sites) {
      const taken = world.snapshots.get(site.tenantId) ?? [];
      if (taken.length < 2) {
        violations.push({
          invariant: 'idempotent',
          message: `${site.name}: the heal phase took ${taken.length} snapshots, need 2 (did its syncs fail?)`,
        });
        continue;
      }
      const [first, second] = taken.slice(-2) as [string, string];
      if (first !== second)
        violations.push({
          invariant: 'idempotent',
          message: `${site.name}: the second sync-all changed rows`,
          details: firstDifference(first, second),
        });
    }
    return Promise.resolve(violations);
  },
});

function firstDifference(a: string, b: string): Record<string, unknown> {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return { at: i, before: a.slice(Math.max(0, i - 80), i + 80), after: b.slice(Math.max(0, i - 80), i + 80) };
}
