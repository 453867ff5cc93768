/**
 * Records -> the JSON the plugin sends (context `view`, `edit` or `embed`), with WordPress
 * `_links` (every rel maps to an ARRAY of `{href, embeddable?}`) and `_embed` (`_embedded[rel]`
 * lines up with `_links[rel]`; each target rendered with context `embed`; a missing target,
 * e.g. a deleted unit, leaves the plugin's 404 error body in its slot; non-embeddable entries
 * are `{}` and a rel with no real embed is left out).
 *
 * Shapes follow §4/§5 of the reference: units carry `accommodation_type_id` and a FILTERED title
 * (entities, "Private: "); bookings carry `accommodation` / `accommodation_type` (derived at read
 * time) per reserved room, the CURRENT site currency, global check-in/out times, and
 * `date_created` site-local without an offset.
 */
import type { Context } from './collection-params.ts';
import type {
  AccommodationRecord,
  AccommodationTypeRecord,
  BookingRecord,
  PaymentRecord,
  RateRecord,
} from './motopress-records.ts';
import { BOOKING_STATUSES } from './motopress-records.ts';
import type { MotopressStore } from './motopress-store.ts';
import type { PostAdapter } from './query-posts.ts';
import { nightsBetween, addDays, wpDateTime } from './wp-datetime.ts';
import { invalidId } from './wp-error.ts';

export type Json = Record<string, unknown>;
export interface Link {
  href: string;
  embeddable?: boolean;
}
export type Links = Record<string, Link[]>;

export interface RenderContext {
  store: MotopressStore;
  /** `https://site/wp-json/mphb/v1` */
  ns: string;
  context: Context;
}

export interface Resource<T> {
  base: string;
  postType: string;
  get(store: MotopressStore, id: number): T | undefined;
  all(store: MotopressStore): Iterable<T>;
  adapter(store: MotopressStore): PostAdapter<T>;
  fields(item: T, ctx: RenderContext): Json;
  links(item: T, ctx: RenderContext): Links;
}

const local = (store: MotopressStore, ms: number) => wpDateTime(ms, store.settings.utcOffsetMinutes);
const self = (ctx: RenderContext, base: string, id: number): Links => ({
  self: [{ href: `${ctx.ns}/${base}/${id}` }],
  collection: [{ href: `${ctx.ns}/${base}` }],
});

/** `get_the_title()`: "Private: " on private posts, then wptexturize/convert_chars entities. */
export function filteredTitle(raw: string, status: string): string {
  const title = status === 'private' ? `Private: ${raw}` : raw;
  return title
    .replace(/&(?![#a-z0-9]+;)/gi, '&amp;')
    .replace(/ - /g, ' &#8211; ')
    .replace(/'/g, '&#8217;');
}

function postAdapter<T extends { id: number; createdAt: number; modifiedAt: number; status: string }>(
  store: MotopressStore,
  defaultStatuses: readonly string[],
  title: (item: T) => string,
  text: (item: T) => string,
): PostAdapter<T> {
  return {
    id: (item) => item.id,
    status: (item) => item.status,
    defaultStatuses,
    created: (item) => local(store, item.createdAt),
    modified: (item) => item.modifiedAt,
    title,
    matchesSearch: (item, term) => text(item).toLowerCase().includes(term.toLowerCase()),
    meta: () => undefined,
  };
}

export const accommodationTypes: Resource<AccommodationTypeRecord> = {
  base: 'accommodation_types',
  postType: 'mphb_room_type',
  get: (store, id) => store.accommodationTypes.get(id),
  all: (store) => store.accommodationTypes.values(),
  adapter: (store) =>
    postAdapter(
      store,
      ['publish', 'private'],
      (t) => t.title,
      (t) => `${t.title} ${t.description} ${t.excerpt}`,
    ),
  fields: (t, ctx) => {
    const embed = ctx.context === 'embed';
    return {
      id: t.id,
      ...(embed ? {} : { status: t.status }),
      title: t.title,
      description: t.description,
      excerpt: t.excerpt,
      adults: t.adults,
      children: t.children,
      total_capacity: t.totalCapacity,
      base_adults: t.adults,
      base_children: t.children,
      bed_type: t.bedType,
      view: t.view,
      size: t.size,
      services: [],
      categories: [],
      tags: [],
      amenities: [],
      attributes: [],
      images: [],
    };
  },
  links: (t, ctx) => self(ctx, 'accommodation_types', t.id),
};

export const accommodations: Resource<AccommodationRecord> = {
  base: 'accommodations',
  postType: 'mphb_room',
  get: (store, id) => store.accommodations.get(id),
  all: (store) => store.accommodations.values(),
  adapter: (store) =>
    postAdapter(
      store,
      ['publish', 'private'],
      (u) => u.title,
      (u) => `${u.title} ${u.excerpt}`,
    ),
  fields: (u) => ({
    id: u.id,
    status: u.status,
    accommodation_type_id: u.accommodationTypeId,
    title: filteredTitle(u.title, u.status),
    excerpt: u.excerpt,
  }),
  links: (u, ctx) => ({
    ...self(ctx, 'accommodations', u.id),
    accommodation_type_id: [{ href: `${ctx.ns}/accommodation_types/${u.accommodationTypeId}`, embeddable: true }],
  }),
};

export const rates: Resource<RateRecord> = {
  base: 'rates',
  postType: 'mphb_rate',
  get: (store, id) => store.rates.get(id),
  all: (store) => store.rates.values(),
  adapter: (store) =>
    postAdapter(
      store,
      ['active', 'disabled'],
      (r) => r.title,
      (r) => `${r.title} ${r.description}`,
    ),
  fields: (r, ctx) => ({
    id: r.id,
    ...(ctx.context === 'embed' ? {} : { status: r.status }),
    title: r.title,
    description: r.description,
    accommodation_type_id: r.accommodationTypeId,
    season_prices: [
      {
        priority: 0,
        base_price: r.basePrice,
        base_adults: 0,
        base_children: 0,
        extra_adult_price: 0,
        extra_child_price: 0,
        season_id: 0,
      },
    ],
  }),
  links: (r, ctx) => ({
    ...self(ctx, 'rates', r.id),
    accommodation_type_id: [{ href: `${ctx.ns}/accommodation_types/${r.accommodationTypeId}`, embeddable: true }],
  }),
};

const paymentStatus = (p: PaymentRecord) => p.status.replace(/^mphb-p-/, '');

export const payments: Resource<PaymentRecord> = {
  base: 'payments',
  postType: 'mphb_payment',
  get: (store, id) => store.payments.get(id),
  all: (store) => store.payments.values(),
  adapter: (store) => ({
    ...postAdapter<PaymentRecord>(
      store,
      [
        'mphb-p-pending',
        'mphb-p-completed',
        'mphb-p-failed',
        'mphb-p-abandoned',
        'mphb-p-on-hold',
        'mphb-p-refunded',
        'mphb-p-cancelled',
      ],
      (p) => String(p.id),
      () => '',
    ),
    matchesSearch: (p, term) =>
      term === String(p.id) || term === String(p.bookingId) || term === store.bookings.get(p.bookingId)?.customer.email,
  }),
  fields: (p, ctx) => {
    if (ctx.context === 'embed')
      return {
        id: p.id,
        status: paymentStatus(p),
        gateway_id: p.gatewayId,
        gateway_mode: p.gatewayMode,
        amount: p.amount,
      };
    const s = ctx.store;
    return {
      id: p.id,
      status: paymentStatus(p),
      gateway_id: p.gatewayId,
      key: p.key,
      transaction_id: p.transactionId,
      date_created: local(s, p.createdAt),
      date_created_utc: wpDateTime(p.createdAt),
      date_modified: local(s, p.modifiedAt),
      date_modified_utc: wpDateTime(p.modifiedAt),
      date_expiration: '',
      date_expiration_utc: '',
      booking_id: p.bookingId,
      gateway_mode: p.gatewayMode,
      amount: p.amount,
      currency: s.settings.currency,
      billing_info: {},
    };
  },
  links: (p, ctx) => ({ ...self(ctx, 'payments', p.id), booking_id: [{ href: `${ctx.ns}/bookings/${p.bookingId}` }] }),
};

export const bookings: Resource<BookingRecord> = {
  base: 'bookings',
  postType: 'mphb_booking',
  get: (store, id) => store.bookings.get(id),
  all: (store) => store.bookings.values(),
  adapter: (store) => ({
    ...postAdapter<BookingRecord>(
      store,
      BOOKING_STATUSES,
      (b) => `Booking #${b.id}`,
      () => '',
    ),
    matchesSearch: (b, term) => bookingMatches(b, term),
    meta: (b, key) => bookingMeta(b, key),
  }),
  fields: (b, ctx) => {
    // No booking field has the embed context: an embedded booking is empty apart from _links.
    if (ctx.context === 'embed') return {};
    const s = ctx.store;
    const nights = nightsBetween(b.checkIn, b.checkOut);
    return {
      id: b.id,
      status: b.status,
      date_created: local(s, b.createdAt),
      date_created_utc: wpDateTime(b.createdAt),
      key: b.key,
      check_in_date: b.checkIn,
      check_out_date: b.checkOut,
      check_in_time: s.settings.checkInTime,
      check_out_time: s.settings.checkOutTime,
      customer: { ...b.customer },
      reserved_accommodations: [...b.rooms]
        .sort((x, y) => x.id - y.id)
        .map((r) => ({
          accommodation: r.accommodation,
          accommodation_type: s.roomTypeOf(r),
          rate: r.rate,
          adults: r.adults,
          children: r.children,
          guest_name: r.guestName,
          services: [],
          accommodation_price_per_days:
            b.totalPrice === 0
              ? []
              : Array.from({ length: nights }, (_, i) => ({ date: addDays(b.checkIn, i), price: r.pricePerNight })),
          fees: [],
          taxes: { accommodation: [], services: [], fees: [] },
          discount: 0,
        })),
      coupon_code: b.couponCode,
      currency: s.settings.currency,
      total_price: b.totalPrice,
      checkout_id: '',
      payments: s
        .paymentsOf(b.id)
        .map((p) => ({ id: p.id, status: paymentStatus(p), amount: p.amount, currency: s.settings.currency })),
      imported: b.imported !== undefined,
      ical_description: b.imported?.description ?? '',
      ical_prodid: b.imported?.prodid ?? '',
      ical_summary: b.imported?.summary ?? '',
      note: b.note,
      internal_notes: [],
    };
  },
  links: (b, ctx) => {
    const links = self(ctx, 'bookings', b.id);
    const paid = ctx.store.paymentsOf(b.id);
    if (paid.length > 0) links.payments = paid.map((p) => ({ href: `${ctx.ns}/payments/${p.id}`, embeddable: true }));
    else if (b.status !== 'confirmed') links.payments = [{ href: `${ctx.ns}/payments` }];
    const rooms = [...b.rooms].sort((x, y) => x.id - y.id);
    links.accommodation = rooms.map((r) => ({ href: `${ctx.ns}/accommodations/${r.accommodation}`, embeddable: true }));
    links.accommodation_type = rooms.map((r) => ({
      href: `${ctx.ns}/accommodation_types/${ctx.store.roomTypeOf(r)}`,
      embeddable: true,
    }));
    const rateLinks = rooms
      .filter((r) => r.rate !== 0)
      .map((r) => ({ href: `${ctx.ns}/rates/${r.rate}`, embeddable: true }));
    if (rateLinks.length > 0) links.rate = rateLinks;
    return links;
  },
};

/** Numeric = id or exact total; otherwise an exact value of any mphb_* meta (not a substring). */
function bookingMatches(b: BookingRecord, term: string): boolean {
  if (/^\d+(\.\d+)?$/.test(term)) return String(b.id) === term || b.totalPrice === Number(term);
  const values = [b.checkIn, b.checkOut, ...(Object.values(b.customer) as string[]), b.couponCode, b.note].filter(
    (v) => v !== '',
  );
  return values.includes(term);
}

function bookingMeta(b: BookingRecord, key: string): string | undefined {
  switch (key) {
    case 'mphb_check_in_date':
      return b.checkIn;
    case 'mphb_check_out_date':
      return b.checkOut;
    case '_mphb_sync_id':
      return b.imported?.syncId;
    case 'mphb_total_price':
      return String(b.totalPrice);
    default: {
      const field = key.replace(/^mphb_/, '') as keyof BookingRecord['customer'];
      return key.startsWith('mphb_') && field in b.customer ? b.customer[field] || undefined : undefined;
    }
  }
}

export const RESOURCES = {
  bookings,
  accommodations,
  accommodation_types: accommodationTypes,
  rates,
  payments,
} as const;
export type ResourceName = keyof typeof RESOURCES;

/** One object of a resource as the API sends it, with `_links` and, when asked, `_embedded`. */
export function renderItem<T>(
  resource: Resource<T>,
  item: T,
  ctx: RenderContext,
  embed: true | string[] | undefined,
  cache = new Map<string, unknown>(),
): Json {
  const links = resource.links(item, ctx);
  const body: Json = { ...resource.fields(item, ctx), _links: links };
  if (embed === undefined) return body;
  const embedded: Record<string, unknown[]> = {};
  for (const [rel, entries] of Object.entries(links)) {
    if (embed !== true && !embed.includes(rel)) continue;
    if (!entries.some((e) => e.embeddable)) continue;
    embedded[rel] = entries.map((e) => (e.embeddable ? resolveEmbed(e.href, ctx, cache) : {}));
  }
  if (Object.keys(embedded).length > 0) body._embedded = embedded;
  return body;
}

/** One internal dispatch per unique href (cached within a request), rendered with context embed. */
function resolveEmbed(href: string, ctx: RenderContext, cache: Map<string, unknown>): unknown {
  const hit = cache.get(href);
  if (hit !== undefined) return hit;
  const m = /\/([a-z_]+)\/(\d+)$/.exec(href.slice(ctx.ns.length));
  const resource = m ? (RESOURCES as Record<string, Resource<unknown> | undefined>)[m[1]!] : undefined;
  let value: unknown;
  if (!resource)
    value = {
      code: 'rest_no_route',
      message: 'No route was found matching the URL and request method.',
      data: { status: 404 },
    };
  else {
    const item = resource.get(ctx.store, Number(m![2]));
    value =
      item === undefined
        ? invalidId(resource.postType).body()
        : renderItem(resource, item, { ...ctx, context: 'embed' }, undefined);
  }
  cache.set(href, value);
  return value;
}
