/**
 * indo-null-unit-simmer-down: the same incident at Simmer Down's scale (incidents.md E): 101
 * bookings, the first 4 racing their units, while the admin adds one more unit and booking
 * mid-sync. before breaks on exactly those 4; planned-fix gets them right but not the admin's;
 * after stores every booking with its unit.
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
import { buildSimmerDown } from './simmer-down-world.ts';
import { syncAllAccommodationsFirst, syncAllBefore } from './sync-all-before.ts';

export const simmerDownScenario = defineScenario<IncidentInput, HotelWorld>({
  id: 'indo-null-unit-simmer-down',
  kind: 'incident',
  title: "Simmer Down's 101 reservations, the first 4 racing their units",
  source: 'incidents.md section E',
  input: fc.record({ adminPauseMs: fc.integer({ min: 0, max: 20 }) }),
  startTime: '2025-11-19T21:00:00.000Z',
  async world(ctx) {
    const site = await buildSimmerDown(ctx);
    return { sites: [site], clock: ctx.clock, snapshots: new Map() };
  },
  invariants: [noNullUnit, junctionComplete, noDuplicateBooking, tenantIsolation],
  variants: {
    before: {
      description: 'sync-all as it was: the first 4 bookings get a NULL unit',
      expect: 'breaks',
      breaks: ['no-null-unit', 'junction-complete'],
      actors: syncingWhileAdminEdits(syncAllBefore, 1),
    },
    'planned-fix': {
      description: 'accommodations first: the 4 are right, a unit created after step 1 is not',
      expect: 'breaks',
      breaks: ['no-null-unit', 'junction-complete'],
      // The race needs the admin's change to land between the two steps: rarer than the others.
      runs: 200,
      actors: syncingWhileAdminEdits(syncAllAccommodationsFirst, 1),
    },
    after: {
      description: 'src/motopress syncAll',
      expect: 'holds',
      actors: syncingWhileAdminEdits(syncAll, 1),
    },
  },
  defaultVariant: 'after',
  runs: 15,
});
