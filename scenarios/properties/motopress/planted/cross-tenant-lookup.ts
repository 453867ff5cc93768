/**
 * PLANTED BUG: units looked up by MotoPress id alone, forgetting the tenant. Two hotels' sites
 * number posts independently, so unit 12 of INDO and unit 12 of Simmer Down collide and a
 * reservation can point at the other hotel's room. Caught by tenant-isolation.
 */
import { syncAccommodations } from '../../../../src/motopress/sync-accommodations.ts';
import { syncAll } from '../../../../src/motopress/sync-all.ts';
import type { HotelSync } from '../hotel-actors.ts';
import { mutateDb } from './mutant-db.ts';

const LOAD =
  'SELECT id::text, motopress_id::text, motopress_type_id::text, title, status FROM hotels.accommodation_units WHERE tenant_id = $1 ORDER BY motopress_id';
const LOOKUP = 'SELECT id::text FROM get_accommodation_unit_by_motopress_id($1, $2)';

const mutant = (db: Parameters<typeof mutateDb>[0]) =>
  mutateDb(db, (text, params, inner) => {
    // Every tenant's units, the newest last, so it wins a MotoPress id both tenants have.
    if (text === LOAD)
      return inner.query(
        'SELECT id::text, motopress_id::text, motopress_type_id::text, title, status FROM hotels.accommodation_units WHERE $1::uuid IS NOT NULL ORDER BY motopress_id, id',
        params,
      );
    if (text === LOOKUP)
      return inner.query(
        'SELECT id::text FROM hotels.accommodation_units WHERE $1::uuid IS NOT NULL AND motopress_id = $2 ORDER BY id DESC LIMIT 1',
        params,
      );
    return undefined;
  });

export const crossTenantLookup: HotelSync = {
  syncAll: (deps, tenantId) => syncAll({ ...deps, db: mutant(deps.db) }, tenantId),
  syncAccommodations: (deps, tenantId) => syncAccommodations({ ...deps, db: mutant(deps.db) }, tenantId),
};
