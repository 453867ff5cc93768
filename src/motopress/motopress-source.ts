/**
 * What the sync needs from a hotel's MotoPress site. MotopressClient implements it over
 * `fetch`; the incident scenarios keep the older sync code beside them and pass the same client.
 * Lists are complete (every page, de-duplicated, ascending id); a get of a post that does not
 * exist (hard-deleted) is `undefined`, while a trashed post still answers with status 'trash'.
 */
import type { MotopressAccommodation, MotopressAccommodationType, MotopressBooking } from './motopress-types.ts';

export interface MotopressSource {
  listAccommodationTypes(): Promise<MotopressAccommodationType[]>;
  listAccommodations(): Promise<MotopressAccommodation[]>;
  listBookings(): Promise<MotopressBooking[]>;
  getAccommodation(id: number): Promise<MotopressAccommodation | undefined>;
  getBooking(id: number): Promise<MotopressBooking | undefined>;
}
