/**
 * The actors of the MotoPress property suite, parameterised by the sync under test (src or a
 * planted mutant): sync-all and sync (accommodations only) jobs for a tenant, the hotel admin
 * changing MotoPress mid-sync, and the heal phase's "one more sync-all, twice" per tenant.
 */
import { WpError, type CustomerRecord } from 'syncsim/fakes/motopress';
import type { Db } from '../../../src/db/db.ts';
import type { MotopressSource } from '../../../src/motopress/motopress-source.ts';
import { syncAccommodations } from '../../../src/motopress/sync-accommodations.ts';
import { syncAll } from '../../../src/motopress/sync-all.ts';
import type { Actor, ActorEnv } from 'syncsim';
import { motopressClientFor, snapshotTenant, type HotelSite, type HotelWorld } from './hotel-world.ts';

/** The module under test, as the actors call it. A planted bug swaps a collaborator. */
export interface HotelSync {
  syncAll(deps: { db: Db; motopress: MotopressSource; clock: ActorEnv['clock'] }, tenantId: string): Promise<unknown>;
  syncAccommodations(
    deps: { db: Db; motopress: MotopressSource; clock: ActorEnv['clock'] },
    tenantId: string,
  ): Promise<unknown>;
}

export const srcSync: HotelSync = { syncAll, syncAccommodations };

export function syncActor(name: string, site: HotelSite, impl: HotelSync, job: 'sync-all' | 'sync'): Actor {
  return {
    name,
    async run(env) {
      const deps = { db: env.db, motopress: motopressClientFor(env, site), clock: env.clock };
      // Its report is what the job returns: `syncsim diff` compares it between implementations.
      return job === 'sync-all' ? impl.syncAll(deps, site.tenantId) : impl.syncAccommodations(deps, site.tenantId);
    },
  };
}

export const ADMIN_OPS = [
  'add-unit-and-booking',
  'add-booking',
  'remove-unit',
  'trash-unit',
  'cancel-booking',
  'trash-booking',
  'delete-booking',
  'edit-guest',
  'edit-dates',
  'move-booking',
  'reconfirm-booking',
] as const;
export type AdminOp = (typeof ADMIN_OPS)[number];

/**
 * Admin edits in wp-admin, each applied after `waits` scheduled pauses. One pause is one pick of
 * the scheduler among all pending operations, so a single pause almost always ends before a
 * sync has stored anything; several spread the edits over the whole sync (and a booking can be
 * changed after a sync stored it, which is what an insert-only sync gets wrong). Besides adding
 * and removing, the admin edits a booking as wp-admin's Edit screen does (the guest's name,
 * email or phone, the stay, the unit its room is in) and takes a cancellation back: every field
 * the sync mirrors can change under it. Refused edits are skipped.
 */
export function adminActor(
  name: string,
  site: HotelSite,
  steps: ReadonlyArray<{ waits: number; op: AdminOp; pick: number }>,
): Actor {
  return {
    name,
    async run(env) {
      for (const [i, step] of steps.entries()) {
        for (let wait = 0; wait <= step.waits; wait++) await env.clock.sleep(1);
        try {
          applyAdminOp(site, step.op, step.pick, i);
        } catch (error) {
          // WordPress refused (dates unavailable, already trashed): the admin moves on.
          if (!(error instanceof WpError)) throw error;
        }
      }
    },
  };
}

function applyAdminOp(site: HotelSite, op: AdminOp, pick: number, step: number): void {
  const store = site.fake.store;
  const nth = <T>(items: T[]): T | undefined => (items.length === 0 ? undefined : items[pick % items.length]);
  const units = [...store.accommodations.values()].filter((u) => u.status !== 'trash');
  const bookings = [...store.bookings.values()].filter((b) => b.status !== 'trash');
  const farStay = {
    checkIn: `2027-0${1 + (step % 9)}-0${1 + (pick % 9)}`,
    checkOut: `2027-0${1 + (step % 9)}-2${pick % 9}`,
  };
  switch (op) {
    case 'add-unit-and-booking': {
      const type = nth([...store.accommodationTypes.values()]);
      if (!type) return;
      const unit = store.addAccommodation({ accommodationTypeId: type.id, title: `${type.title} Extra ${step + 1}` });
      store.addBooking({
        status: 'confirmed',
        ...farStay,
        rooms: [{ accommodation: unit.id }],
        customer: { first_name: 'Late', last_name: `Guest ${step + 1}` },
      });
      return;
    }
    case 'add-booking': {
      const unit = nth(units);
      if (unit)
        store.addBooking({
          status: 'pending',
          ...farStay,
          rooms: [{ accommodation: unit.id }],
          customer: { first_name: 'Phone', last_name: `Guest ${step + 1}` },
        });
      return;
    }
    case 'remove-unit': {
      const unit = nth(units);
      if (unit) store.removeAccommodation(unit.id);
      return;
    }
    case 'trash-unit': {
      const unit = nth(units);
      if (unit) store.trashAccommodation(unit.id);
      return;
    }
    case 'cancel-booking': {
      const booking = nth(bookings);
      if (booking) store.cancelBooking(booking.id);
      return;
    }
    case 'trash-booking': {
      const booking = nth(bookings);
      if (booking) store.trashBooking(booking.id);
      return;
    }
    case 'delete-booking': {
      const booking = nth(bookings);
      if (booking) store.deleteBooking(booking.id);
      return;
    }
    case 'edit-guest': {
      const booking = nth(bookings);
      if (booking) store.editBooking(booking.id, { customer: guestEdit(pick, step) });
      return;
    }
    case 'edit-dates': {
      const booking = nth(bookings);
      const month = 10 + (step % 3);
      if (booking)
        store.editBooking(booking.id, {
          checkIn: `2027-${month}-0${1 + (pick % 9)}`,
          checkOut: `2027-${month}-1${pick % 9}`,
        });
      return;
    }
    case 'move-booking': {
      const booking = nth(bookings);
      const elsewhere = units.filter((u) => u.id !== booking?.rooms[0]?.accommodation);
      const unit = elsewhere[(pick + step) % Math.max(1, elsewhere.length)];
      if (booking && unit) store.editBooking(booking.id, { accommodation: unit.id });
      return;
    }
    case 'reconfirm-booking': {
      const booking = nth(bookings.filter((b) => b.status === 'cancelled'));
      if (booking) store.editBookingStatus(booking.id, 'confirmed');
      return;
    }
  }
}

/**
 * What the admin retypes on the Edit screen: each field the sync mirrors from the customer, in
 * the shapes wp-admin accepts (a name with stray blanks, a blanked phone, a new email).
 */
function guestEdit(pick: number, step: number): Partial<CustomerRecord> {
  switch (pick % 4) {
    case 0:
      return { first_name: `  Maria${step}`, last_name: `da Silva ${pick} ` };
    case 1:
      return { email: `guest.${step}.${pick}@example.org` };
    case 2:
      return { phone: pick % 8 === 2 ? '' : `+351 912 000 ${100 + pick}` };
    default:
      return { last_name: '', email: ' ', phone: `+44 7700 900${100 + step}` };
  }
}

/** Heal: one more sync-all, a snapshot, the same sync-all again, a snapshot (idempotent). */
export function healActor(site: HotelSite, impl: HotelSync, world: HotelWorld): Actor {
  return {
    name: `heal-${site.name.toLowerCase().replace(/\W+/g, '-')}`,
    async run(env) {
      const deps = { db: env.db, motopress: motopressClientFor(env, site), clock: env.clock };
      const taken: string[] = [];
      world.snapshots.set(site.tenantId, taken);
      for (let round = 0; round < 2; round++) {
        await impl.syncAll(deps, site.tenantId);
        taken.push(await snapshotTenant(env.db, site.tenantId));
      }
    },
  };
}
