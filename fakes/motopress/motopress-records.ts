/**
 * The fake's stored state, as plain data close to the plugin's posts and meta (not the REST
 * shapes: render-motopress.ts derives those). Ids come from ONE sequence shared by every post
 * type, as WordPress post ids do, so booking ids have gaps where units or reserved rooms were made.
 */
export const BOOKING_STATUSES = [
  'pending-user',
  'pending-payment',
  'pending',
  'abandoned',
  'confirmed',
  'cancelled',
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
/** Statuses that hold a unit for their dates (cancelled and abandoned do not). */
export const LOCKING_STATUSES: readonly BookingStatus[] = ['pending-user', 'pending-payment', 'pending', 'confirmed'];

/** WP post statuses the fake models for types, units and rates (`trash` = REST DELETE without force). */
export type PostStatus = 'publish' | 'private' | 'draft' | 'trash';

export const PAYMENT_STATUSES = [
  'mphb-p-pending',
  'mphb-p-completed',
  'mphb-p-failed',
  'mphb-p-abandoned',
  'mphb-p-on-hold',
  'mphb-p-refunded',
  'mphb-p-cancelled',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export interface SiteSettings {
  /** Site currency code: every booking reports the CURRENT setting, not a stored value. */
  currency: string;
  /** Global check-in / check-out times (`H:i:s`), the same for every booking. */
  checkInTime: string;
  checkOutTime: string;
  /** Site time zone as a fixed offset: `date_created` is site-local, `date_created_utc` is UTC. */
  utcOffsetMinutes: number;
}

export const DEFAULT_SETTINGS: SiteSettings = {
  currency: 'EUR',
  checkInTime: '11:00:00',
  checkOutTime: '10:00:00',
  utcOffsetMinutes: 60,
};

interface Post {
  id: number;
  /** Creation instant (ms since epoch, the injected clock): post_date. */
  createdAt: number;
  modifiedAt: number;
}

export interface AccommodationTypeRecord extends Post {
  status: PostStatus;
  /** Raw post_title, as stored (the type route returns it unfiltered). */
  title: string;
  description: string;
  excerpt: string;
  adults: number;
  children: number;
  totalCapacity: number;
  bedType: string;
  view: string;
  size: number;
}

export interface AccommodationRecord extends Post {
  status: PostStatus;
  accommodationTypeId: number;
  /** Raw post_title; the unit route returns it FILTERED (entities, "Private: "). */
  title: string;
  excerpt: string;
}

export interface RateRecord extends Post {
  status: 'active' | 'disabled' | 'trash';
  title: string;
  description: string;
  accommodationTypeId: number;
  /** Base price per night. */
  basePrice: number;
}

export interface CustomerRecord {
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  country: string;
  state: string;
  city: string;
  zip: string;
  address1: string;
}

export const EMPTY_CUSTOMER: CustomerRecord = {
  first_name: '',
  last_name: '',
  email: '',
  phone: '',
  country: '',
  state: '',
  city: '',
  zip: '',
  address1: '',
};

export interface ReservedRoomRecord {
  /** The mphb_reserved_room post id (orders reserved_accommodations). */
  id: number;
  /** Unit id, kept even after the unit is deleted. */
  accommodation: number;
  /** 0 for iCal imports. */
  rate: number;
  adults: number;
  children: number;
  guestName: string;
  /** Price per night of this room (0 for imports). */
  pricePerNight: number;
}

export interface IcalImport {
  /** `_mphb_sync_id` meta: non-empty means imported. */
  syncId: string;
  uid: string;
  summary: string;
  description: string;
  prodid: string;
}

export interface BookingRecord extends Post {
  status: BookingStatus | 'trash';
  key: string;
  checkIn: string;
  checkOut: string;
  customer: CustomerRecord;
  rooms: ReservedRoomRecord[];
  couponCode: string;
  totalPrice: number;
  note: string;
  imported: IcalImport | undefined;
}

export interface PaymentRecord extends Post {
  bookingId: number;
  status: PaymentStatus;
  gatewayId: string;
  gatewayMode: 'live' | 'sandbox';
  amount: number;
  key: string;
  transactionId: string;
}

/** What `MotopressStore.snapshot()` returns: deep copies, ordered by id, for invariants. */
export interface MotopressSnapshot {
  settings: SiteSettings;
  accommodationTypes: AccommodationTypeRecord[];
  accommodations: AccommodationRecord[];
  rates: RateRecord[];
  bookings: Array<BookingRecord & { rooms: Array<ReservedRoomRecord & { accommodationType: number }> }>;
  payments: PaymentRecord[];
}
