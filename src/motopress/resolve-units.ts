/**
 * The gap the planned fix left open (incidents.md E): a unit created in MotoPress after step 1
 * but before its booking is read is not in our table yet. Before a reservation is written, every
 * unit it names is resolved to a row of THIS tenant: found in the table, else fetched from
 * MotoPress on demand and upserted, else (MotoPress deleted it: a booking keeps the id of a
 * deleted unit) recorded as a 'deleted' unit with the type the booking reports. So a booking
 * with accommodations never yields a NULL unit.
 */
import type { Queryable } from '../db/db.ts';
import type { MappedBooking } from './map-booking.ts';
import type { MotopressSource } from './motopress-source.ts';
import { DELETED_UNIT_STATUS, unitFields } from './sync-accommodations.ts';
import { upsertUnit } from './upsert-unit.ts';

export interface ResolvedUnits {
  /** MotoPress unit id -> our accommodation_units.id */
  ids: Map<number, string>;
  fetchedOnDemand: number[];
  recordedAsDeleted: number[];
}

export async function lookupUnit(db: Queryable, tenantId: string, motopressId: number): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>('SELECT id::text FROM get_accommodation_unit_by_motopress_id($1, $2)', [tenantId, motopressId]);
  return rows[0]?.id;
}

export async function resolveUnits(deps: { db: Queryable; motopress: MotopressSource }, tenantId: string, booking: MappedBooking, nowIso: string): Promise<ResolvedUnits> {
  const resolved: ResolvedUnits = { ids: new Map(), fetchedOnDemand: [], recordedAsDeleted: [] };
  for (const room of booking.rooms) {
    const known = await lookupUnit(deps.db, tenantId, room.motopressAccommodationId);
    if (known) {
      resolved.ids.set(room.motopressAccommodationId, known);
      continue;
    }
    const fetched = await deps.motopress.getAccommodation(room.motopressAccommodationId);
    // A trashed unit still answers a direct GET (status 'trash'): for the guest chat it is gone.
    const unit = fetched?.status === 'trash' ? undefined : fetched;
    const fields = unit
      ? unitFields(unit)
      : {
          motopressId: room.motopressAccommodationId,
          motopressTypeId: room.motopressTypeId > 0 ? room.motopressTypeId : null,
          title: `Accommodation #${room.motopressAccommodationId} (deleted in MotoPress)`,
          status: DELETED_UNIT_STATUS,
        };
    const { id } = await upsertUnit(deps.db, tenantId, fields, nowIso);
    resolved.ids.set(room.motopressAccommodationId, id);
    (unit ? resolved.fetchedOnDemand : resolved.recordedAsDeleted).push(room.motopressAccommodationId);
  }
  return resolved;
}
