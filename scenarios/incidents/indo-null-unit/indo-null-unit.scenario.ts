/**
 * indo-null-unit (incidents.md E): INDO booking 2432 stored with accommodation_unit_id NULL.
 * The world is the report's (indo-world.ts); a `sync-all` runs while the hotel's admin creates
 * a unit and a booking on it at a random point of the run.
 *
 * Variants:
 *   before      sync-all as it was (reservations only; unit auto-created after the insert):
 *               breaks no-null-unit and junction-complete on 2432 itself;
 *   planned-fix accommodations first, nothing more: 2432 is fine, but the admin's booking on a
 *               unit created after step 1 is stored with NULL and no junction row;
 *   after       src/motopress syncAll: resolves that unit on demand; holds.
 */
import * as fc from 'fast-check';
import { syncAll } from '../../../src/motopress/sync-all.ts';
import { defineScenario } from 'syncsim';
import type { HotelWorld } from '../../properties/motopress/hotel-world.ts';
import {
  junctionComplete,
  noDuplicateBooking,
  noNullUnit,
  tenantIsolation,
} from '../../properties/motopress/invariants/index.ts';
import { syncingWhileAdminEdits, type IncidentInput } from './incident-actors.ts';
import { buildIndo } from './indo-world.ts';
import { syncAllAccommodationsFirst, syncAllBefore } from './sync-all-before.ts';

export const indoNullUnitScenario = defineScenario<IncidentInput, HotelWorld>({
  id: 'indo-null-unit',
  kind: 'incident',
  title: 'INDO booking 2432 stored with a NULL unit: the MotoPress sync-all race',
  source: 'incidents.md section E',
  input: fc.record({ adminPauseMs: fc.integer({ min: 0, max: 20 }) }),
  startTime: '2025-11-19T22:19:09.000Z',
  async world(ctx) {
    const site = await buildIndo(ctx);
    return { sites: [site], clock: ctx.clock, snapshots: new Map() };
  },
  invariants: [noNullUnit, junctionComplete, noDuplicateBooking, tenantIsolation],
  variants: {
    before: {
      description: 'sync-all as it was: reservations only, unit auto-created after the insert',
      expect: 'breaks',
      breaks: ['no-null-unit', 'junction-complete'],
      actors: syncingWhileAdminEdits(syncAllBefore, 1),
    },
    'planned-fix': {
      description: "the report's planned fix: accommodations first, then the same reservation code",
      expect: 'breaks',
      breaks: ['no-null-unit', 'junction-complete'],
      // The race needs the admin's change to land between the two steps: rarer than the others.
      runs: 300,
      actors: syncingWhileAdminEdits(syncAllAccommodationsFirst, 1),
    },
    after: {
      description: 'src/motopress syncAll: accommodations first, and units created since resolved on demand',
      expect: 'holds',
      actors: syncingWhileAdminEdits(syncAll, 1),
    },
  },
  defaultVariant: 'after',
  runs: 60,
});
