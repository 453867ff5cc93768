/**
 * Units of one tenant, written idempotently: inserted if new, updated only when a field changed
 * (so a second sync leaves updated_at alone), keyed by (tenant, MotoPress id). Units are never
 * deleted: reservations and junction rows point at them; a unit gone from MotoPress keeps its row
 * with status 'deleted'. One statement for any number of units: step 1 is one round trip.
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

export interface UnitUpsert {
  /** MotoPress id -> our accommodation_units.id, for every unit given. */
  ids: Map<number, string>;
  created: number;
  updated: number;
}

export async function upsertUnits(
  db: Queryable,
  tenantId: string,
  units: readonly UnitFields[],
  nowIso: string,
): Promise<UnitUpsert> {
  const { rows } = await db.query<{ id: string; motopress_id: string; outcome: UpsertOutcome }>(
    `WITH given AS (
       SELECT * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[]) AS t(motopress_id, motopress_type_id, title, status)
     ), written AS (
       INSERT INTO hotels.accommodation_units AS u (tenant_id, motopress_id, motopress_type_id, title, status, created_at, updated_at)
       SELECT $1, motopress_id, motopress_type_id, title, status, $6, $6 FROM given
       ON CONFLICT (tenant_id, motopress_id) DO UPDATE
         SET motopress_type_id = EXCLUDED.motopress_type_id, title = EXCLUDED.title, status = EXCLUDED.status, updated_at = EXCLUDED.updated_at
         WHERE (u.motopress_type_id, u.title, u.status) IS DISTINCT FROM (EXCLUDED.motopress_type_id, EXCLUDED.title, EXCLUDED.status)
       RETURNING id, motopress_id, CASE WHEN xmax = 0 THEN 'created' ELSE 'updated' END AS outcome
     )
     SELECT id::text, motopress_id::text, outcome FROM written
     UNION ALL
     -- Unchanged units: DO UPDATE's WHERE returned nothing for them; read their ids.
     SELECT u.id::text, u.motopress_id::text, 'unchanged' FROM hotels.accommodation_units u JOIN given g USING (motopress_id)
      WHERE u.tenant_id = $1 AND NOT EXISTS (SELECT 1 FROM written w WHERE w.motopress_id = g.motopress_id)`,
    [
      tenantId,
      units.map((u) => u.motopressId),
      units.map((u) => u.motopressTypeId),
      units.map((u) => u.title),
      units.map((u) => u.status),
      nowIso,
    ],
  );
  const result: UnitUpsert = { ids: new Map(), created: 0, updated: 0 };
  for (const row of rows) {
    result.ids.set(Number(row.motopress_id), row.id);
    if (row.outcome === 'created') result.created++;
    if (row.outcome === 'updated') result.updated++;
  }
  return result;
}
