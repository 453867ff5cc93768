/**
 * The hotel's admin at work in wp-admin while a sync runs: after a scheduled pause, creates new
 * units (each of an existing type) and a booking on each - the mid-sync race the planned fix
 * missed. The store changes at the instant the scheduler releases the pause, so where that falls
 * among the sync's requests is part of the interleaving.
 */
import type { Actor } from 'syncsim';
import type { HotelSite } from '../../properties/motopress/hotel-world.ts';

export function hotelAdminActor(
  name: string,
  site: HotelSite,
  plan: { pauseMs: number; newUnits: number; checkIn: string },
): Actor {
  return {
    name,
    async run(env) {
      await env.clock.sleep(plan.pauseMs);
      const store = site.fake.store;
      const type = [...store.accommodationTypes.values()].at(-1)!;
      for (let i = 0; i < plan.newUnits; i++) {
        const unit = store.addAccommodation({ accommodationTypeId: type.id, title: `${type.title} New ${i + 1}` });
        store.addBooking({
          status: 'confirmed',
          checkIn: plan.checkIn,
          checkOut: '2026-12-31',
          rooms: [{ accommodation: unit.id }],
          customer: { first_name: 'Walk-in', last_name: `Guest ${i + 1}` },
        });
      }
    },
  };
}
