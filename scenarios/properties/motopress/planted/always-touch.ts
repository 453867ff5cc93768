/**
 * PLANTED BUG: the everyday non-idempotent upsert - every sync rewrites every booking and stamps
 * `updated_at = now` whether or not anything changed (no "already stored and equal" check, no
 * IS DISTINCT FROM guard). Nothing is wrong with the data a guest sees, but every sync churns
 * every row, and a second sync is not a no-op. Caught by idempotent.
 */
import { syncAccommodations } from '../../../../src/motopress/sync-accommodations.ts';
import { syncAll } from '../../../../src/motopress/sync-all.ts';
import type { HotelSync } from '../hotel-actors.ts';
import { isReservationWrite, mutateDb } from './mutant-db.ts';

const KEEP_UNCHANGED = /updated_at = CASE WHEN[\s\S]*?ELSE r\.updated_at END/;

const mutant = (db: Parameters<typeof mutateDb>[0]) =>
  mutateDb(db, (text, params, inner) => {
    // The stored reservations the sync compares against: none, so every booking is written.
    if (/^\s*SELECT r\.external_booking_id::text, r\.status/.test(text))
      return Promise.resolve({ rows: [], rowCount: 0 });
    if (!isReservationWrite(text)) return undefined;
    if (!KEEP_UNCHANGED.test(text)) throw new Error('the mutant no longer matches src/motopress/write-reservation.ts');
    return inner.query(text.replace(KEEP_UNCHANGED, 'updated_at = EXCLUDED.updated_at'), params);
  });

export const alwaysTouch: HotelSync = {
  syncAll: (deps, tenantId) => syncAll({ ...deps, db: mutant(deps.db) }, tenantId),
  syncAccommodations,
};
