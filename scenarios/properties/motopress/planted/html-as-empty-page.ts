/**
 * PLANTED BUG: the classic one behind a cache, CDN or maintenance plugin: an answer that is not
 * JSON (a 200 HTML page) is read as "nothing there" - a listing comes back empty, a post as not
 * found - instead of as the failure it is:
 *   `try { return await client.listAccommodations(); } catch (e) { if (e is protocol) return []; }`
 * The sync then confirms every stored unit it did not list with a GET; when that GET gets the
 * page too, it marks a live room deleted (and deletes live bookings' reservations). A later sync
 * without the fault restores everything, so the end state is a mirror again: caught by
 * no-false-unit-deletion, checked when the racing syncs stop (swarm fault `http-200-html`).
 */
import { MotopressProtocolError } from '../../../../src/motopress/motopress-errors.ts';
import type { MotopressSource } from '../../../../src/motopress/motopress-source.ts';
import { syncAccommodations } from '../../../../src/motopress/sync-accommodations.ts';
import { syncAll } from '../../../../src/motopress/sync-all.ts';
import type { HotelSync } from '../hotel-actors.ts';

const notJson = (error: unknown) => error instanceof MotopressProtocolError && error.message.includes('non-JSON body');

function orEmpty<T>(read: () => Promise<T>, empty: T): Promise<T> {
  return read().catch((error: unknown) => {
    if (notJson(error)) return empty;
    throw error;
  });
}

function lenient(client: MotopressSource): MotopressSource {
  return {
    listAccommodationTypes: () => orEmpty(() => client.listAccommodationTypes(), []),
    listAccommodations: () => orEmpty(() => client.listAccommodations(), []),
    listBookings: () => orEmpty(() => client.listBookings(), []),
    getAccommodation: (id) => orEmpty(() => client.getAccommodation(id), undefined),
    getBooking: (id) => orEmpty(() => client.getBooking(id), undefined),
  };
}

export const htmlAsEmptyPage: HotelSync = {
  syncAll: (deps, tenantId) => syncAll({ ...deps, motopress: lenient(deps.motopress) }, tenantId),
  syncAccommodations: (deps, tenantId) => syncAccommodations({ ...deps, motopress: lenient(deps.motopress) }, tenantId),
};
