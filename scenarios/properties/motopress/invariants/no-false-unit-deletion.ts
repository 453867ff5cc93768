/**
 * no-false-unit-deletion (safety, checked when the racing syncs stop): a unit is stored as
 * 'deleted' only when MotoPress had removed or trashed it. The sync marks a unit deleted after a
 * GET says so; a client that reads an answer which is not data (a cache plugin's HTML page) as
 * "nothing there" marks live rooms deleted, and guests of those rooms lose them in the chat
 * until a later sync happens to restore them - which heals the end state, so only a check during
 * chaos sees it. Judged from the fake's records: the row says 'deleted' while the site has the
 * unit live and unchanged since before the row was marked (a unit restored after the marking
 * has a later `modifiedAt`, and is the next sync's to restore, not a false deletion).
 */
import { defineInvariant, type Violation } from 'syncsim';
import type { HotelWorld } from '../hotel-world.ts';

export const noFalseUnitDeletion = defineInvariant<HotelWorld>({
  name: 'no-false-unit-deletion',
  kind: 'safety',
  description: "no unit is stored as 'deleted' while MotoPress has had it live since before the marking",
  async check({ db, world }) {
    const violations: Violation[] = [];
    for (const site of world.sites) {
      const { rows } = await db.query<{ motopress_id: string; marked_ms: number }>(
        `SELECT motopress_id::text, (extract(epoch FROM updated_at) * 1000)::float8 AS marked_ms
           FROM hotels.accommodation_units WHERE tenant_id = $1 AND status = 'deleted' ORDER BY motopress_id`,
        [site.tenantId],
      );
      for (const row of rows) {
        const unit = site.fake.store.accommodations.get(Number(row.motopress_id));
        if (!unit || unit.status === 'trash' || unit.modifiedAt > row.marked_ms) continue;
        violations.push({
          invariant: 'no-false-unit-deletion',
          message: `${site.name}: unit ${row.motopress_id} is stored as 'deleted' (at ${new Date(row.marked_ms).toISOString()}) while MotoPress has it '${unit.status}', unchanged since ${new Date(unit.modifiedAt).toISOString()}`,
          details: { tenantId: site.tenantId, motopressId: unit.id },
        });
      }
    }
    return violations;
  },
});
