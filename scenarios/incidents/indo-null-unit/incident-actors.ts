/**
 * The incident worlds' race: one sync-all of the tenant (in the variant's version) while the
 * hotel's admin creates units and bookings on them at a point the scheduler picks.
 */
import type { Actor } from 'syncsim';
import { motopressClientFor, type HotelSite, type HotelWorld } from '../../properties/motopress/hotel-world.ts';
import { hotelAdminActor } from './hotel-admin-actor.ts';
import type { OldSyncDeps } from './sync-all-before.ts';

export type SyncImplementation = (deps: OldSyncDeps, tenantId: string) => Promise<unknown>;

export interface IncidentInput {
  /** Simulated ms before the admin creates the units and their bookings. */
  adminPauseMs: number;
}

export function syncAllActor(name: string, site: HotelSite, sync: SyncImplementation): Actor {
  return {
    name,
    async run(env) {
      await sync({ db: env.db, motopress: motopressClientFor(env, site), clock: env.clock }, site.tenantId);
    },
  };
}

export function syncingWhileAdminEdits(sync: SyncImplementation, newUnits: number) {
  return ({ world, input }: { world: HotelWorld; input: IncidentInput }): Actor[] => {
    const site = world.sites[0]!;
    return [
      syncAllActor('sync-all', site, sync),
      hotelAdminActor('hotel-admin', site, { pauseMs: input.adminPauseMs, newUnits, checkIn: '2025-12-20' }),
    ];
  };
}
