/**
 * One unit of one tenant, written idempotently: inserted if new, updated only when a field
 * changed (so a second sync leaves updated_at alone), keyed by (tenant, MotoPress id). Units
 * are never deleted: reservations and junction rows point at them; a unit gone from MotoPress
 * keeps its row with status 'deleted'.
 */
import type { Queryable } from '../db/db.ts';

export interface UnitFields {
  motopressId: number;
  /** NULL when MotoPress reports 0 (no type known). */
  motopressTypeId: number | null;
  title: string;
  status: string;
}

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

export async function upsertUnit(db: Queryable, tenantId: string, unit: UnitFields, nowIso: string): Promise<{ id: string; outcome: UpsertOutcome }> {
  const { rows } = await db.query<{ id: string; inserted: boolean }>(
    `INSERT INTO hotels.accommodation_units AS u (tenant_id, motopress_id, motopress_type_id, title, status, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6)
     ON CONFLICT (tenant_id, motopress_id) DO UPDATE
       SET motopress_type_id = EXCLUDED.motopress_type_id, title = EXCLUDED.title, status = EXCLUDED.status, updated_at = EXCLUDED.updated_at
       WHERE (u.motopress_type_id, u.title, u.status) IS DISTINCT FROM (EXCLUDED.motopress_type_id, EXCLUDED.title, EXCLUDED.status)
     RETURNING id::text, (xmax = 0) AS inserted`,
    [tenantId, unit.motopressId, unit.motopressTypeId, unit.title, unit.status, nowIso],
  );
  const row = rows[0];
  if (row) return { id: row.id, outcome: row.inserted ? 'created' : 'updated' };
  // Nothing changed, so DO UPDATE's WHERE returned no row: read the id.
  const existing = await db.query<{ id: string }>('SELECT id::text FROM get_accommodation_unit_by_motopress_id($1, $2)', [tenantId, unit.motopressId]);
  return { id: existing.rows[0]!.id, outcome: 'unchanged' };
}
