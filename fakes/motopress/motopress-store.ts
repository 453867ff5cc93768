/**
 * The hotel's state and the plugin's rules, with no HTTP in sight. The handlers call it for the
 * REST API; scenarios call it directly to act as the hotel admin mid-sync (add or remove types,
 * units and bookings, change statuses, import iCal events, hard-delete as the iCal cleaner does).
 *
 * Rules enforced (each from ../shared/reference/motopress-api.md):
 * - one id sequence for every post type (WordPress post ids);
 * - a unit needs an existing accommodation type; a booking needs existing units at creation;
 * - a unit is held by bookings in a locking status (pending-user, pending-payment, pending,
 *   confirmed): overlapping stays on the same unit are refused ("Dates unavailable for booking.");
 * - deleting a unit leaves reserved rooms pointing at the old id; their type is derived at read
 *   time (unit's type, else the rate's type, else 0);
 * - an iCal event becomes a confirmed booking with one room, rate 0, an empty customer and total
 *   0; an event that exactly matches an existing stay on the unit is skipped, a partial overlap
 *   fails, and one whose checkout is today or earlier is skipped;
 * - hard deletes leave no tombstone; REST DELETE without force only moves a post to `trash`.
 */
import {
  DEFAULT_SETTINGS,
  EMPTY_CUSTOMER,
  LOCKING_STATUSES,
  type AccommodationRecord,
  type AccommodationTypeRecord,
  type BookingRecord,
  type BookingStatus,
  type CustomerRecord,
  type MotopressSnapshot,
  type PaymentRecord,
  type PaymentStatus,
  type PostStatus,
  type RateRecord,
  type ReservedRoomRecord,
  type SiteSettings,
} from './motopress-records.ts';
import { isYmd, nightsBetween, wpDate } from './wp-datetime.ts';
import { saveError, WpError } from './wp-error.ts';

export interface MotopressStoreOptions {
  /** The injected clock (ms since epoch); post dates come from it. */
  now: () => number;
  settings?: Partial<SiteSettings>;
  /** First post id (default 1). */
  firstId?: number;
}

export interface AccommodationTypeInput {
  title: string;
  status?: PostStatus;
  description?: string;
  excerpt?: string;
  adults?: number;
  children?: number;
  totalCapacity?: number;
  bedType?: string;
  view?: string;
  size?: number;
}

export interface AccommodationInput {
  accommodationTypeId: number;
  title: string;
  status?: PostStatus;
  excerpt?: string;
}

export interface RateInput {
  accommodationTypeId: number;
  title: string;
  basePrice: number;
  description?: string;
  status?: 'active' | 'disabled';
}

export interface ReservedRoomInput {
  accommodation: number;
  /** Default: the first active rate of the unit's type (0 when there is none). */
  rate?: number;
  adults?: number;
  children?: number;
  guestName?: string;
}

export interface BookingInput {
  status: BookingStatus;
  checkIn: string;
  checkOut: string;
  rooms: ReservedRoomInput[];
  customer?: Partial<CustomerRecord>;
  couponCode?: string;
  note?: string;
  /** Default: the rooms' nightly prices times the nights. */
  totalPrice?: number;
  /** Default: now. Lets a world give several bookings the same post_date. */
  createdAt?: number;
}

/** What the admin's "Edit booking" screen changes (see MotopressStore.editBooking). */
export interface BookingEdit {
  customer?: Partial<CustomerRecord>;
  checkIn?: string;
  checkOut?: string;
  /** The unit the first reserved room moves to. */
  accommodation?: number;
}

export interface IcalEventInput {
  uid: string;
  checkIn: string;
  checkOut: string;
  summary: string;
  description?: string;
  prodid?: string;
}

export interface PaymentInput {
  status?: PaymentStatus;
  amount?: number;
  gatewayId?: string;
  createdAt?: number;
}

export class MotopressStore {
  readonly settings: SiteSettings;
  readonly accommodationTypes = new Map<number, AccommodationTypeRecord>();
  readonly accommodations = new Map<number, AccommodationRecord>();
  readonly rates = new Map<number, RateRecord>();
  readonly bookings = new Map<number, BookingRecord>();
  readonly payments = new Map<number, PaymentRecord>();
  readonly now: () => number;
  #nextId: number;
  #syncSeq = 0;

  constructor(options: MotopressStoreOptions) {
    this.now = options.now;
    this.settings = { ...DEFAULT_SETTINGS, ...options.settings };
    this.#nextId = options.firstId ?? 1;
  }

  /** Today in the site's time zone (`Y-m-d`). */
  today(): string {
    return wpDate(this.now(), this.settings.utcOffsetMinutes);
  }

  // --- accommodation types -------------------------------------------------------------

  addAccommodationType(input: AccommodationTypeInput): AccommodationTypeRecord {
    const at = this.now();
    const adults = input.adults ?? 2;
    const children = input.children ?? 0;
    const record: AccommodationTypeRecord = {
      id: this.#id(),
      createdAt: at,
      modifiedAt: at,
      status: input.status ?? 'publish',
      title: input.title,
      description: input.description ?? '',
      excerpt: input.excerpt ?? '',
      adults,
      children,
      totalCapacity: input.totalCapacity ?? 0,
      bedType: input.bedType ?? '',
      view: input.view ?? '',
      size: Math.trunc(input.size ?? 0),
    };
    this.accommodationTypes.set(record.id, record);
    return record;
  }

  updateAccommodationType(id: number, patch: Partial<AccommodationTypeInput>): AccommodationTypeRecord {
    const record = this.#need(this.accommodationTypes, id, 'mphb_room_type');
    Object.assign(record, definedOnly(patch), { modifiedAt: this.now() });
    return record;
  }

  /** Hard delete: units and rates keep pointing at the id. */
  removeAccommodationType(id: number): void {
    this.#need(this.accommodationTypes, id, 'mphb_room_type');
    this.accommodationTypes.delete(id);
  }

  // --- accommodations (units) ----------------------------------------------------------

  addAccommodation(input: AccommodationInput): AccommodationRecord {
    const type = this.accommodationTypes.get(input.accommodationTypeId);
    if (!type || type.status === 'trash')
      throw saveError(`Accommodation type #${input.accommodationTypeId} does not exist.`);
    const at = this.now();
    const record: AccommodationRecord = {
      id: this.#id(),
      createdAt: at,
      modifiedAt: at,
      status: input.status ?? 'publish',
      accommodationTypeId: input.accommodationTypeId,
      title: input.title,
      excerpt: input.excerpt ?? '',
    };
    this.accommodations.set(record.id, record);
    return record;
  }

  updateAccommodation(id: number, patch: Partial<AccommodationInput>): AccommodationRecord {
    const record = this.#need(this.accommodations, id, 'mphb_room');
    if (patch.accommodationTypeId !== undefined && !this.accommodationTypes.has(patch.accommodationTypeId)) {
      throw saveError(`Accommodation type #${patch.accommodationTypeId} does not exist.`);
    }
    Object.assign(record, definedOnly(patch), { modifiedAt: this.now() });
    return record;
  }

  /** Hard delete (wp_delete_post): reserved rooms keep the old unit id. */
  removeAccommodation(id: number): void {
    this.#need(this.accommodations, id, 'mphb_room');
    this.accommodations.delete(id);
  }

  /** REST DELETE without force: the unit goes to `trash` and leaves the lists. */
  trashAccommodation(id: number): AccommodationRecord {
    const record = this.#need(this.accommodations, id, 'mphb_room');
    if (record.status === 'trash')
      throw new WpError(410, 'mphb_rest_already_trashed', 'The resource has already been deleted.');
    record.status = 'trash';
    record.modifiedAt = this.now();
    return record;
  }

  // --- rates ---------------------------------------------------------------------------

  addRate(input: RateInput): RateRecord {
    if (!this.accommodationTypes.has(input.accommodationTypeId))
      throw saveError(`Accommodation type #${input.accommodationTypeId} does not exist.`);
    const at = this.now();
    const record: RateRecord = {
      id: this.#id(),
      createdAt: at,
      modifiedAt: at,
      status: input.status ?? 'active',
      title: input.title,
      description: input.description ?? '',
      accommodationTypeId: input.accommodationTypeId,
      basePrice: input.basePrice,
    };
    this.rates.set(record.id, record);
    return record;
  }

  removeRate(id: number): void {
    this.#need(this.rates, id, 'mphb_rate');
    this.rates.delete(id);
  }

  // --- bookings ------------------------------------------------------------------------

  addBooking(input: BookingInput): BookingRecord {
    if (!isYmd(input.checkIn) || !isYmd(input.checkOut) || input.checkOut <= input.checkIn) {
      throw saveError(`Invalid stay ${input.checkIn} - ${input.checkOut}: check-out must be a date after check-in.`);
    }
    if (input.rooms.length === 0) throw saveError('A booking needs at least one accommodation.');
    const nights = nightsBetween(input.checkIn, input.checkOut);
    const rooms: Omit<ReservedRoomRecord, 'id'>[] = input.rooms.map((room) => {
      const unit = this.accommodations.get(room.accommodation);
      if (!unit || unit.status === 'trash') throw saveError(`Accommodation #${room.accommodation} does not exist.`);
      const type = this.accommodationTypes.get(unit.accommodationTypeId);
      const rateId = room.rate ?? this.#defaultRate(unit.accommodationTypeId);
      const rate = rateId === 0 ? undefined : this.rates.get(rateId);
      if (rateId !== 0 && !rate) throw saveError('Rate is not valid.');
      return {
        accommodation: unit.id,
        rate: rateId,
        adults: room.adults ?? type?.adults ?? 1,
        children: room.children ?? 0,
        guestName: room.guestName ?? '',
        pricePerNight: rate?.basePrice ?? 0,
      };
    });
    if (LOCKING_STATUSES.includes(input.status))
      this.#assertAvailable(
        rooms.map((r) => r.accommodation),
        input.checkIn,
        input.checkOut,
      );
    const at = input.createdAt ?? this.now();
    const id = this.#id();
    const record: BookingRecord = {
      id,
      createdAt: at,
      modifiedAt: this.now(),
      status: input.status,
      key: bookingKey(id, at),
      checkIn: input.checkIn,
      checkOut: input.checkOut,
      customer: { ...EMPTY_CUSTOMER, ...input.customer },
      rooms: rooms.map((room) => ({ id: this.#id(), ...room })),
      couponCode: input.couponCode ?? '',
      totalPrice: input.totalPrice ?? round2(rooms.reduce((sum, r) => sum + r.pricePerNight * nights, 0)),
      note: input.note ?? '',
      imported: undefined,
    };
    this.bookings.set(id, record);
    return record;
  }

  /**
   * The iCal importer: one event of `unitId`'s calendar. Returns the new booking, or undefined
   * when the event is skipped (checkout today or earlier, or an exact duplicate on the unit).
   */
  importIcalEvent(unitId: number, event: IcalEventInput): BookingRecord | undefined {
    const unit = this.accommodations.get(unitId);
    if (!unit) throw saveError(`Accommodation #${unitId} does not exist.`);
    if (!isYmd(event.checkIn) || !isYmd(event.checkOut) || event.checkOut <= event.checkIn)
      throw saveError('Invalid iCal event dates.');
    if (event.checkOut <= this.today()) return undefined;
    const same = [...this.bookings.values()].some(
      (b) =>
        b.status !== 'trash' &&
        b.checkIn === event.checkIn &&
        b.checkOut === event.checkOut &&
        b.rooms.some((r) => r.accommodation === unitId),
    );
    if (same) return undefined;
    this.#assertAvailable([unitId], event.checkIn, event.checkOut);
    const type = this.accommodationTypes.get(unit.accommodationTypeId);
    const at = this.now();
    const id = this.#id();
    const record: BookingRecord = {
      id,
      createdAt: at,
      modifiedAt: at,
      status: 'confirmed',
      // The key is made by the status-transition hook, which the importer suppresses (UNCONFIRMED).
      key: '',
      checkIn: event.checkIn,
      checkOut: event.checkOut,
      customer: { ...EMPTY_CUSTOMER },
      rooms: [
        {
          id: this.#id(),
          accommodation: unitId,
          rate: 0,
          adults: type?.adults ?? 1,
          children: type?.children ?? 0,
          guestName: '',
          pricePerNight: 0,
        },
      ],
      couponCode: '',
      totalPrice: 0,
      note: '',
      imported: {
        syncId: `sync_${++this.#syncSeq}`,
        uid: event.uid,
        summary: event.summary,
        description: event.description ?? '',
        prodid: event.prodid ?? '-//Airbnb Inc//Hosting Calendar 1.0//EN',
      },
    };
    this.bookings.set(id, record);
    return record;
  }

  setBookingStatus(id: number, status: BookingStatus): BookingRecord {
    const booking = this.#need(this.bookings, id, 'mphb_booking');
    const wasLocking = booking.status !== 'trash' && LOCKING_STATUSES.includes(booking.status);
    if (!wasLocking && LOCKING_STATUSES.includes(status)) {
      this.#assertAvailable(
        booking.rooms.map((r) => r.accommodation),
        booking.checkIn,
        booking.checkOut,
        id,
      );
    }
    booking.status = status;
    booking.modifiedAt = this.now();
    return booking;
  }

  /**
   * What a REST PUT/PATCH of `status` does: the plugin refuses to edit a booking imported from an
   * iCal feed (the next synchronisation would overwrite it), then the status changes as above.
   */
  editBookingStatus(id: number, status: BookingStatus): BookingRecord {
    const booking = this.#need(this.bookings, id, 'mphb_booking');
    if (booking.imported)
      throw saveError(
        'You cannot edit the imported booking. Please remember that the booking will be updated during the next synchronization.',
      );
    return this.setBookingStatus(id, status);
  }

  /**
   * The admin's "Edit booking" screen: the guest's details, the stay, and which unit the first
   * reserved room is in (moved to another unit, of the same type or another; the room keeps its
   * id, its rate follows the new unit's type). The same rules as a new booking: a trashed or
   * imported booking is not edited, the stay must be valid, the unit must exist, and a booking in
   * a locking status must find its units free for the new stay.
   */
  editBooking(id: number, patch: BookingEdit): BookingRecord {
    const booking = this.#need(this.bookings, id, 'mphb_booking');
    if (booking.status === 'trash') throw saveError('You cannot edit a booking in the trash.');
    if (booking.imported)
      throw saveError(
        'You cannot edit the imported booking. Please remember that the booking will be updated during the next synchronization.',
      );
    const checkIn = patch.checkIn ?? booking.checkIn;
    const checkOut = patch.checkOut ?? booking.checkOut;
    if (!isYmd(checkIn) || !isYmd(checkOut) || checkOut <= checkIn)
      throw saveError(`Invalid stay ${checkIn} - ${checkOut}: check-out must be a date after check-in.`);
    const rooms = booking.rooms.map((r) => ({ ...r }));
    if (patch.accommodation !== undefined && rooms[0]) {
      const unit = this.accommodations.get(patch.accommodation);
      if (!unit || unit.status === 'trash') throw saveError(`Accommodation #${patch.accommodation} does not exist.`);
      const rate = this.#defaultRate(unit.accommodationTypeId);
      rooms[0] = { ...rooms[0], accommodation: unit.id, rate, pricePerNight: this.rates.get(rate)?.basePrice ?? 0 };
    }
    if (LOCKING_STATUSES.includes(booking.status))
      this.#assertAvailable(
        rooms.map((r) => r.accommodation),
        checkIn,
        checkOut,
        id,
      );
    booking.checkIn = checkIn;
    booking.checkOut = checkOut;
    booking.rooms = rooms;
    booking.customer = { ...booking.customer, ...definedOnly(patch.customer ?? {}) };
    booking.modifiedAt = this.now();
    return booking;
  }

  cancelBooking(id: number): BookingRecord {
    return this.setBookingStatus(id, 'cancelled');
  }

  /** The cron: pending-user and pending-payment bookings expire to abandoned. Returns their ids. */
  abandonExpired(): number[] {
    const ids: number[] = [];
    for (const b of this.bookings.values()) {
      if (b.status === 'pending-user' || b.status === 'pending-payment') {
        b.status = 'abandoned';
        b.modifiedAt = this.now();
        ids.push(b.id);
      }
    }
    return ids;
  }

  /** REST DELETE without force: status `trash`, gone from the lists. */
  trashBooking(id: number): BookingRecord {
    const booking = this.#need(this.bookings, id, 'mphb_booking');
    if (booking.status === 'trash')
      throw new WpError(410, 'mphb_rest_already_trashed', 'The resource has already been deleted.');
    booking.status = 'trash';
    booking.modifiedAt = this.now();
    return booking;
  }

  /** Hard delete (admin, iCal cleaner, DELETE ?force=true): the booking and its reserved rooms vanish. */
  deleteBooking(id: number): BookingRecord {
    const booking = this.#need(this.bookings, id, 'mphb_booking');
    this.bookings.delete(id);
    return booking;
  }

  // --- payments ------------------------------------------------------------------------

  addPayment(bookingId: number, input: PaymentInput = {}): PaymentRecord {
    const booking = this.#need(this.bookings, bookingId, 'mphb_booking');
    const at = input.createdAt ?? this.now();
    const id = this.#id();
    const record: PaymentRecord = {
      id,
      createdAt: at,
      modifiedAt: this.now(),
      bookingId,
      status: input.status ?? 'mphb-p-completed',
      gatewayId: input.gatewayId ?? 'manual',
      gatewayMode: 'live',
      amount: input.amount ?? booking.totalPrice,
      key: `payment_${id}_${(at / 1000).toString(16).replace('.', '')}`,
      transactionId: '',
    };
    this.payments.set(id, record);
    return record;
  }

  paymentsOf(bookingId: number): PaymentRecord[] {
    return [...this.payments.values()].filter((p) => p.bookingId === bookingId).sort((a, b) => a.id - b.id);
  }

  // --- derived -------------------------------------------------------------------------

  /** `reserved_accommodations[].accommodation_type`: the unit's type, else the rate's, else 0. */
  roomTypeOf(room: ReservedRoomRecord): number {
    return (
      this.accommodations.get(room.accommodation)?.accommodationTypeId ??
      this.rates.get(room.rate)?.accommodationTypeId ??
      0
    );
  }

  snapshot(): MotopressSnapshot {
    const sorted = <T extends { id: number }>(map: Map<number, T>): T[] =>
      structuredClone([...map.values()].sort((a, b) => a.id - b.id));
    return {
      settings: { ...this.settings },
      accommodationTypes: sorted(this.accommodationTypes),
      accommodations: sorted(this.accommodations),
      rates: sorted(this.rates),
      bookings: sorted(this.bookings).map((b) => ({
        ...b,
        rooms: b.rooms.map((r) => ({ ...r, accommodationType: this.roomTypeOf(r) })),
      })),
      payments: sorted(this.payments),
    };
  }

  #id(): number {
    return this.#nextId++;
  }

  #defaultRate(typeId: number): number {
    for (const rate of this.rates.values())
      if (rate.accommodationTypeId === typeId && rate.status === 'active') return rate.id;
    return 0;
  }

  #need<T>(map: Map<number, T>, id: number, postType: string): T {
    const record = map.get(id);
    if (!record) throw new WpError(404, `mphb_rest_invalid_${postType}_id`, 'Invalid ID.');
    return record;
  }

  /** No locking booking (other than `except`) holds any of `units` for an overlapping stay. */
  #assertAvailable(units: number[], checkIn: string, checkOut: string, except?: number): void {
    if (new Set(units).size !== units.length) throw saveError('Dates unavailable for booking.');
    for (const b of this.bookings.values()) {
      if (b.id === except || b.status === 'trash' || !LOCKING_STATUSES.includes(b.status)) continue;
      if (b.checkIn >= checkOut || b.checkOut <= checkIn) continue;
      if (b.rooms.some((r) => units.includes(r.accommodation))) throw saveError('Dates unavailable for booking.');
    }
  }
}

/** `uniqid("booking_{id}_", true)`, made from the creation instant instead of the wall clock. */
function bookingKey(id: number, at: number): string {
  const sec = Math.floor(at / 1000)
    .toString(16)
    .padStart(8, '0');
  const usec = ((at % 1000) * 1000).toString(16).padStart(5, '0');
  const entropy = String(10_000_000 + ((id * 7_919) % 90_000_000));
  return `booking_${id}_${sec}${usec}.${entropy}`;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
