/**
 * Step 1 of sync-all, and the `sync` endpoint on its own: a tenant's accommodation types and
 * units from MotoPress into hotels.accommodation_units. Idempotent: a second run with MotoPress
 * unchanged changes no row. A unit that is no longer listed keeps its row (reservations point at
 * it) with status 'deleted'; if it comes back, the next sync restores its status.
 */
import type { Clock } from '../clock.ts';
import type { Db } from '../db/db.ts';
import { decodeTitle } from './decode-title.ts';
import type { MotopressSource } from './motopress-source.ts';
import type { MotopressAccommodation } from './motopress-types.ts';
import { upsertUnits, type UnitFields } from './upsert-unit.ts';

export interface AccommodationSyncDeps {
  db: Db;
  motopress: MotopressSource;
  clock: Clock;
}

export interface AccommodationSyncReport {
  types: number;
  units: number;
  created: number;
  updated: number;
  markedDeleted: number;
  /** Units whose accommodation_type_id is not a listed type (stored; the operator should look). */
  unknownTypeUnits: number[];
}

export const DELETED_UNIT_STATUS = 'deleted';

interface StoredUnit extends UnitFields {
  id: string;
}

async function storedUnits(db: Db, tenantId: string): Promise<Map<number, StoredUnit>> {
  const { rows } = await db.query<{
    id: string;
    motopress_id: string;
    motopress_type_id: string | null;
    title: string;
    status: string;
  }>(
    'SELECT id::text, motopress_id::text, motopress_type_id::text, title, status FROM hotels.accommodation_units WHERE tenant_id = $1 ORDER BY motopress_id',
    [tenantId],
  );
  return new Map(
    rows.map((r) => [
      Number(r.motopress_id),
      {
        id: r.id,
        motopressId: Number(r.motopress_id),
        motopressTypeId: r.motopress_type_id === null ? null : Number(r.motopress_type_id),
        title: r.title,
        status: r.status,
      },
    ]),
  );
}

function sameUnit(stored: UnitFields | undefined, unit: UnitFields): boolean {
  return (
    stored !== undefined &&
    stored.motopressTypeId === unit.motopressTypeId &&
    stored.title === unit.title &&
    stored.status === unit.status
  );
}

async function markDeleted(db: Db, tenantId: string, motopressId: number, nowIso: string): Promise<number> {
  const { rowCount } = await db.query(
    'UPDATE hotels.accommodation_units SET status = $3, updated_at = $4 WHERE tenant_id = $1 AND motopress_id = $2 AND status <> $3',
    [tenantId, motopressId, DELETED_UNIT_STATUS, nowIso],
  );
  return rowCount ?? 0;
}

export function unitFields(unit: MotopressAccommodation): UnitFields {
  return {
    motopressId: unit.id,
    motopressTypeId: unit.accommodation_type_id > 0 ? unit.accommodation_type_id : null,
    title: decodeTitle(unit.title, unit.status),
    status: unit.status,
  };
}

export async function syncAccommodations(
  deps: AccommodationSyncDeps,
  tenantId: string,
): Promise<AccommodationSyncReport> {
  return (await syncAccommodationsKeepingIds(deps, tenantId)).report;
}

/**
 * The same, also returning every unit id of the tenant this run saw or wrote (MotoPress id ->
 * our id), so sync-all's step 2 starts from it instead of reading the table again.
 */
export async function syncAccommodationsKeepingIds(
  deps: AccommodationSyncDeps,
  tenantId: string,
): Promise<{ report: AccommodationSyncReport; unitIds: Map<number, string> }> {
  const types = await deps.motopress.listAccommodationTypes();
  const units = await deps.motopress.listAccommodations();
  const typeIds = new Set(types.map((t) => t.id));
  const now = new Date(deps.clock.now()).toISOString();
  const report: AccommodationSyncReport = {
    types: types.length,
    units: units.length,
    created: 0,
    updated: 0,
    markedDeleted: 0,
    unknownTypeUnits: [],
  };
  for (const unit of units) if (!typeIds.has(unit.accommodation_type_id)) report.unknownTypeUnits.push(unit.id);
  const stored = await storedUnits(deps.db, tenantId);
  // Only what differs is written: a sync of an unchanged hotel writes nothing.
  const changed = units.map(unitFields).filter((unit) => !sameUnit(stored.get(unit.motopressId), unit));
  const listed = new Set(units.map((u) => u.id));
  for (const [motopressId, row] of stored) {
    if (listed.has(motopressId) || row.status === DELETED_UNIT_STATUS) continue;
    const unit = await deps.motopress.getAccommodation(motopressId);
    if (!unit || unit.status === 'trash')
      report.markedDeleted += await markDeleted(deps.db, tenantId, motopressId, now);
    else if (!sameUnit(row, unitFields(unit))) changed.push(unitFields(unit));
  }
  const unitIds = new Map([...stored].map(([motopressId, row]) => [motopressId, row.id]));
  if (changed.length > 0) {
    const written = await upsertUnits(deps.db, tenantId, changed, now);
    report.created = written.created;
    report.updated = written.updated;
    for (const [motopressId, id] of written.ids) unitIds.set(motopressId, id);
  }
  return { report, unitIds };
}
