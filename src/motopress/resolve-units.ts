/**
 * The gap the planned fix left open (incidents.md E): a unit created in MotoPress after step 1
 * but before its booking is read is not in our table yet. Before a reservation is written, every
 * unit it names is resolved to a row of THIS tenant: found in the table, else fetched from
 * MotoPress on demand and upserted, else (MotoPress deleted or trashed it: a booking keeps the
 * id of a deleted unit) recorded as a 'deleted' unit with the type the booking reports. So a
 * booking with accommodations never yields a NULL unit.
 */
import type { Queryable } from '../db/db.ts';
import type { MappedBooking } from './map-booking.ts';
import type { MotopressSource } from './motopress-source.ts';
import { DELETED_UNIT_STATUS, unitFields } from './sync-accommodations.ts';
import { upsertUnits, type UnitFields } from './upsert-unit.ts';

export interface UnitResolver {
  /** MotoPress unit id -> our accommodation_units.id, for the units of `booking`. */
  resolve(booking: MappedBooking): Promise<Map<number, string>>;
  readonly fetchedOnDemand: number[];
  readonly recordedAsDeleted: number[];
}

/**
 * Starts from the units step 1 saw or wrote (`known`: MotoPress id -> our id) and completes
 * them as bookings name new ones.
 */
export function unitResolver(
  deps: { db: Queryable; motopress: MotopressSource },
  tenantId: string,
  known: Map<number, string>,
  nowIso: () => string,
): UnitResolver {
  const fetchedOnDemand: number[] = [];
  const recordedAsDeleted: number[] = [];

  async function fetchUnit(motopressId: number, typeFromBooking: number): Promise<string> {
    const fetched = await deps.motopress.getAccommodation(motopressId);
    // A trashed unit still answers a direct GET (status 'trash'): for the guest chat it is gone.
    const unit = fetched?.status === 'trash' ? undefined : fetched;
    const fields: UnitFields = unit
      ? unitFields(unit)
      : {
          motopressId,
          motopressTypeId: typeFromBooking > 0 ? typeFromBooking : null,
          title: `Accommodation #${motopressId} (deleted in MotoPress)`,
          status: DELETED_UNIT_STATUS,
        };
    (unit ? fetchedOnDemand : recordedAsDeleted).push(motopressId);
    const written = await upsertUnits(deps.db, tenantId, [fields], nowIso());
    // Another sync inserting the same unit concurrently hides it from this statement's snapshot.
    const id = written.ids.get(motopressId) ?? (await lookupUnit(deps.db, tenantId, motopressId));
    if (id === undefined)
      throw new Error(`unit ${motopressId} of tenant ${tenantId} was upserted but cannot be read back`);
    return id;
  }

  return {
    fetchedOnDemand,
    recordedAsDeleted,
    async resolve(booking) {
      const ids = new Map<number, string>();
      for (const room of booking.rooms) {
        let id = known.get(room.motopressAccommodationId);
        // Not known when the sync started: another sync may have stored it since; else fetch it.
        id ??=
          (await lookupUnit(deps.db, tenantId, room.motopressAccommodationId)) ??
          (await fetchUnit(room.motopressAccommodationId, room.motopressTypeId));
        known.set(room.motopressAccommodationId, id);
        ids.set(room.motopressAccommodationId, id);
      }
      return ids;
    },
  };
}

export async function lookupUnit(db: Queryable, tenantId: string, motopressId: number): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    'SELECT id::text FROM get_accommodation_unit_by_motopress_id($1, $2)',
    [tenantId, motopressId],
  );
  return rows[0]?.id;
}
