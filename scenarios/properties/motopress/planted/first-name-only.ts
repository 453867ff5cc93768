/**
 * PLANTED BUG: the guest's name stored as the first name only (`customer.first_name`, the field a
 * hurried mapping picks), so the guest chat greets "Anna" a booking MotoPress has for "Anna
 * Schmidt". Nothing else changes: caught only because converges-to-mirror compares every field
 * the sync mirrors, computed from the fake's records.
 */
import { syncAccommodations } from '../../../../src/motopress/sync-accommodations.ts';
import { syncAll } from '../../../../src/motopress/sync-all.ts';
import type { HotelSync } from '../hotel-actors.ts';
import { isReservationWrite, mutateDb } from './mutant-db.ts';

/** $6 of the reservation write is guest_name. */
const GUEST_NAME = 5;

const mutant = (db: Parameters<typeof mutateDb>[0]) =>
  mutateDb(db, (text, params, inner) => {
    if (!isReservationWrite(text) || typeof params[GUEST_NAME] !== 'string') return undefined;
    const changed = [...params];
    changed[GUEST_NAME] = params[GUEST_NAME].split(' ')[0];
    return inner.query(text, changed);
  });

export const firstNameOnly: HotelSync = {
  syncAll: (deps, tenantId) => syncAll({ ...deps, db: mutant(deps.db) }, tenantId),
  syncAccommodations,
};
