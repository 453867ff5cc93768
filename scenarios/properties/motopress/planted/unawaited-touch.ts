/**
 * PLANTED BUG: fire-and-forget bookkeeping - after a sync-all, the tenant's "last synced" stamp
 * is written without being awaited, its failure swallowed by `.catch(() => {})` so no unhandled
 * rejection ever shows (vitest's trap stays silent). The sync's data is right; the write
 * outlives the job that started it, and a caller told "done" may read the old stamp or lose the
 * write to a shutdown. Caught only by the built-in no-leaked-work.
 */
import { syncAccommodations } from '../../../../src/motopress/sync-accommodations.ts';
import { syncAll } from '../../../../src/motopress/sync-all.ts';
import type { HotelSync } from '../hotel-actors.ts';

export const unawaitedTouch: HotelSync = {
  async syncAll(deps, tenantId) {
    const report = await syncAll(deps, tenantId);
    void deps.db
      .query('UPDATE tenants SET updated_at = $2 WHERE id = $1', [tenantId, new Date(deps.clock.now()).toISOString()])
      .catch(() => {});
    return report;
  },
  syncAccommodations,
};
