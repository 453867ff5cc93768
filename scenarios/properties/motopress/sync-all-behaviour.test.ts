/**
 * syncAll (incidents.md E) end to end, example by example: a real Postgres database (this file's
 * own, cloned from the migrated template, emptied before each test) and the MotoPress fake over
 * msw, read by the production MotopressClient on a hand-driven clock. A fetch wrapper plays the
 * hotel's admin mid-run (a unit created after step 1) or the host failing (401, 502).
 *
 * Each test states the rows it expects, so a sync that writes a NULL unit, a unit of another
 * tenant, a stale status or an extra timestamp fails here by value.
 */
import { setupServer } from 'msw/node';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_CONSUMER_KEY,
  DEFAULT_CONSUMER_SECRET,
  hostFaultResponse,
  MotopressFake,
  motopressHandlers,
  type AccommodationRecord,
  type BookingRecord,
  type BookingStatus,
} from 'syncsim/fakes/motopress';
import { resetDatabase, type CaseEngine, useCaseEngine } from 'syncsim/vitest';
import type { Clock } from '../../../src/clock.ts';
import type { Db } from '../../../src/db/db.ts';
import { fromPgPool } from '../../../src/db/from-pg-pool.ts';
import { findNullUnitReservations } from '../../../src/motopress/find-null-unit-reservations.ts';
import { MotopressClient, type FetchLike } from '../../../src/motopress/motopress-client.ts';
import {
  MotopressAuthError,
  MotopressError,
  MotopressUnavailableError,
} from '../../../src/motopress/motopress-errors.ts';
import { syncAll, SyncStepError, type SyncAllReport } from '../../../src/motopress/sync-all.ts';
import { formatSse, type SyncProgress } from '../../../src/motopress/sync-progress.ts';
import { INDO, SIMMER_DOWN } from './hotel-world.ts';

const T0 = Date.parse('2025-11-19T22:19:09.000Z');
const API = '/wp-json/mphb/v1';

let engine: CaseEngine;
let pool: pg.Pool;
let db: Db;
const server = setupServer();

beforeAll(async () => {
  engine = await useCaseEngine();
  pool = new pg.Pool({ connectionString: engine.url, max: 4 });
  db = fromPgPool(pool);
  server.listen({ onUnhandledRequest: 'error' });
});

afterAll(async () => {
  server.close();
  await pool?.end();
  await engine?.close();
});

let t = T0;
const clock: Clock = {
  now: () => t,
  sleep: (ms) => {
    t += ms;
    return Promise.resolve();
  },
};

beforeEach(async () => {
  t = T0;
  server.resetHandlers();
  await resetDatabase(engine.resetter);
});

// --- helpers -------------------------------------------------------------------------------

interface Tenant {
  id: string;
  name: string;
  siteUrl: string;
}

interface Site extends Tenant {
  fake: MotopressFake;
}

/** The tenant row (as hotel-world.ts's addHotel writes it) and its fake site on msw. */
async function addSite(tenant: Tenant): Promise<Site> {
  await insertTenant(tenant.id, tenant.name, tenant.siteUrl);
  const fake = new MotopressFake({ now: () => t });
  server.use(...motopressHandlers(fake, tenant.siteUrl));
  return { ...tenant, fake };
}

async function insertTenant(id: string, name: string, siteUrl: string | null): Promise<void> {
  await engine.admin.query(
    'INSERT INTO tenants (id, name, motopress_base_url, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)',
    [id, name, siteUrl, new Date(T0).toISOString()],
  );
}

function urlOf(input: string | URL | Request): URL {
  return new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
}

/** globalThis.fetch (msw), recording `METHOD path` of each request and letting a hook act first. */
function recordingFetch(seen: string[], hook?: (url: URL) => Response | undefined): FetchLike {
  return (input, init) => {
    const url = urlOf(input);
    seen.push(`${init?.method ?? 'GET'} ${url.pathname}`);
    const answer = hook?.(url);
    return answer ? Promise.resolve(answer) : globalThis.fetch(input, init);
  };
}

function clientFor(site: Site, options: { fetch?: FetchLike; consumerSecret?: string } = {}): MotopressClient {
  return new MotopressClient({
    baseUrl: site.siteUrl,
    consumerKey: DEFAULT_CONSUMER_KEY,
    consumerSecret: options.consumerSecret ?? DEFAULT_CONSUMER_SECRET,
    fetch: options.fetch ?? globalThis.fetch,
    clock,
  });
}

async function sync(
  site: Site,
  options: { fetch?: FetchLike; consumerSecret?: string; events?: SyncProgress[] } = {},
): Promise<SyncAllReport> {
  const events = options.events;
  return syncAll(
    { db, motopress: clientFor(site, options), clock, ...(events ? { onProgress: (e) => events.push(e) } : {}) },
    site.id,
  );
}

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

interface UnitRow {
  motopressId: number;
  typeId: number | null;
  title: string;
  status: string;
}

async function unitsOf(tenantId: string): Promise<UnitRow[]> {
  const { rows } = await db.query<UnitRow>(
    `SELECT motopress_id::int AS "motopressId", motopress_type_id::int AS "typeId", title, status
       FROM hotels.accommodation_units WHERE tenant_id = $1 ORDER BY motopress_id`,
    [tenantId],
  );
  return rows;
}

interface ReservationRow {
  booking: number;
  status: string;
  checkIn: string;
  checkOut: string;
  guest: string | null;
  /** MotoPress id of the reservation's unit (null: the incident). */
  unit: number | null;
  unitTenant: string | null;
}

async function reservationsOf(tenantId: string): Promise<ReservationRow[]> {
  const { rows } = await db.query<ReservationRow>(
    `SELECT r.external_booking_id::int AS booking, r.status, r.check_in_date::text AS "checkIn", r.check_out_date::text AS "checkOut",
            r.guest_name AS guest, u.motopress_id::int AS unit, u.tenant_id::text AS "unitTenant"
       FROM guest_reservations r LEFT JOIN hotels.accommodation_units u ON u.id = r.accommodation_unit_id
      WHERE r.tenant_id = $1 ORDER BY r.external_booking_id`,
    [tenantId],
  );
  return rows;
}

interface JunctionRow {
  booking: number;
  accommodation: number;
  type: number | null;
  unit: number;
  unitTenant: string;
}

async function junctionOf(tenantId: string): Promise<JunctionRow[]> {
  const { rows } = await db.query<JunctionRow>(
    `SELECT r.external_booking_id::int AS booking, j.motopress_accommodation_id::int AS accommodation, j.motopress_type_id::int AS type,
            u.motopress_id::int AS unit, u.tenant_id::text AS "unitTenant"
       FROM reservation_accommodations j
       JOIN guest_reservations r ON r.id = j.reservation_id
       JOIN hotels.accommodation_units u ON u.id = j.accommodation_unit_id
      WHERE r.tenant_id = $1 ORDER BY r.external_booking_id, j.id`,
    [tenantId],
  );
  return rows;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return rows[0]!.n;
}

/** Every row of every hotel table, as Postgres renders it (all columns, timestamps to the microsecond). */
async function snapshot(): Promise<string[]> {
  const out: string[] = [];
  for (const table of [
    'public.tenants',
    'hotels.accommodation_units',
    'public.guest_reservations',
    'public.reservation_accommodations',
  ]) {
    const { rows } = await db.query<{ row: string }>(
      `SELECT row_to_json(x)::text AS row FROM ${table} x ORDER BY x.id`,
    );
    out.push(`${table}: ${rows.length}`, ...rows.map((r) => r.row));
  }
  return out;
}

/** A Deluxe type and `titles` units of it. */
function hotel(fake: MotopressFake, titles: string[], typeTitle = 'Deluxe') {
  const type = fake.store.addAccommodationType({ title: typeTitle });
  const units = titles.map((title) => fake.store.addAccommodation({ accommodationTypeId: type.id, title }));
  return { type, units };
}

function book(
  fake: MotopressFake,
  units: AccommodationRecord[],
  overrides: { status?: BookingStatus; checkIn?: string; checkOut?: string; first?: string; last?: string } = {},
): BookingRecord {
  return fake.store.addBooking({
    status: overrides.status ?? 'confirmed',
    checkIn: overrides.checkIn ?? '2025-11-20',
    checkOut: overrides.checkOut ?? '2025-11-23',
    rooms: units.map((u) => ({ accommodation: u.id })),
    customer: {
      first_name: overrides.first ?? 'Ana',
      last_name: overrides.last ?? 'Lima',
      email: 'ana@example.com',
      phone: '+351 912 345 678',
    },
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, the promise resolved');
}

const json401 = () =>
  new Response(
    JSON.stringify({
      code: 'mphb_rest_cannot_view',
      message: 'Sorry, you cannot list resources.',
      data: { status: 401 },
    }),
    {
      status: 401,
      headers: { 'Content-Type': 'application/json; charset=UTF-8' },
    },
  );

// --- tests ---------------------------------------------------------------------------------

describe('progress events', () => {
  it('reports both steps, in order, with their counts', async () => {
    const site = await addSite(INDO);
    const { units } = hotel(site.fake, ['Room 101', 'Room 102']);
    const a = book(site.fake, [units[0]!]);
    const b = book(site.fake, [units[1]!], { status: 'pending', first: 'Rui', last: 'Sousa' });
    expect([units[0]!.id, units[1]!.id, a.id, b.id]).toEqual([2, 3, 4, 6]);

    const events: SyncProgress[] = [];
    const report = await sync(site, { events });

    expect(events).toEqual([
      { step: 1, of: 2, phase: 'started', message: 'Step 1/2: syncing accommodations' },
      {
        step: 1,
        of: 2,
        phase: 'done',
        message: 'Step 1/2 done: 2 accommodations (2 new, 0 updated, 0 gone)',
        counts: { units: 2, created: 2, updated: 0, markedDeleted: 0 },
      },
      { step: 2, of: 2, phase: 'started', message: 'Step 2/2: syncing bookings' },
      { step: 2, of: 2, phase: 'progress', message: 'Step 2/2: 1/2 bookings', counts: { done: 1, total: 2 } },
      { step: 2, of: 2, phase: 'progress', message: 'Step 2/2: 2/2 bookings', counts: { done: 2, total: 2 } },
      {
        step: 2,
        of: 2,
        phase: 'done',
        message: 'Step 2/2 done: 2 bookings (2 new, 0 updated, 0 deleted, 0 skipped)',
        counts: { listed: 2, created: 2, updated: 0, unchanged: 0, deleted: 0, skipped: 0 },
      },
    ]);
    expect(report).toEqual({
      tenantId: INDO.id,
      accommodations: { types: 1, units: 2, created: 2, updated: 0, markedDeleted: 0, unknownTypeUnits: [] },
      bookings: {
        listed: 2,
        created: 2,
        updated: 0,
        unchanged: 0,
        deleted: 0,
        skipped: [],
        unitsFetchedOnDemand: [],
        unitsRecordedAsDeleted: [],
      },
    });
    expect(await unitsOf(INDO.id)).toEqual([
      { motopressId: 2, typeId: 1, title: 'Room 101', status: 'publish' },
      { motopressId: 3, typeId: 1, title: 'Room 102', status: 'publish' },
    ]);
    expect(await reservationsOf(INDO.id)).toEqual([
      {
        booking: 4,
        status: 'confirmed',
        checkIn: '2025-11-20',
        checkOut: '2025-11-23',
        guest: 'Ana Lima',
        unit: 2,
        unitTenant: INDO.id,
      },
      {
        booking: 6,
        status: 'pending',
        checkIn: '2025-11-20',
        checkOut: '2025-11-23',
        guest: 'Rui Sousa',
        unit: 3,
        unitTenant: INDO.id,
      },
    ]);

    const again: SyncProgress[] = [];
    t += 1_000;
    await sync(site, { events: again });
    expect(again.map((e) => e.message)).toEqual([
      'Step 1/2: syncing accommodations',
      'Step 1/2 done: 2 accommodations (0 new, 0 updated, 0 gone)',
      'Step 2/2: syncing bookings',
      'Step 2/2: 1/2 bookings',
      'Step 2/2: 2/2 bookings',
      'Step 2/2 done: 2 bookings (0 new, 0 updated, 0 deleted, 0 skipped)',
    ]);
    expect(again.at(-1)!.counts).toEqual({ listed: 2, created: 0, updated: 0, unchanged: 2, deleted: 0, skipped: 0 });
  });

  it('formats one event as a Server-Sent Event frame', async () => {
    const site = await addSite(INDO);
    hotel(site.fake, ['Room 101']);
    const events: SyncProgress[] = [];
    await sync(site, { events });
    expect(formatSse(events[0]!)).toBe(
      'event: progress\ndata: {"step":1,"phase":"started","message":"Step 1/2: syncing accommodations","of":2}\n\n',
    );
    expect(formatSse(events[1]!)).toBe(
      'event: progress\ndata: {"step":1,"phase":"done","message":"Step 1/2 done: 1 accommodations (1 new, 0 updated, 0 gone)","counts":{"units":1,"created":1,"updated":0,"markedDeleted":0},"of":2}\n\n',
    );
    expect(formatSse({ step: 1, of: 2, phase: 'failed', message: 'Step 1/2 failed: x\ny' })).toBe(
      'event: error\ndata: {"step":1,"of":2,"phase":"failed","message":"Step 1/2 failed: x\\ny"}\n\n',
    );
  });

  it('reports a booking it cannot map as skipped, and stores the others', async () => {
    const site = await addSite(INDO);
    const { units } = hotel(site.fake, ['Room 101', 'Room 102']);
    const good = book(site.fake, [units[0]!]);
    const bad = book(site.fake, [units[1]!]);
    // Only a broken database gives MotoPress a stay like this; the sync must not store it half-right.
    bad.checkOut = '2025-11-19';
    const events: SyncProgress[] = [];
    const report = await sync(site, { events });
    expect(report.bookings.skipped).toEqual([
      { bookingId: bad.id, reason: `booking ${bad.id}: check-out 2025-11-19 is before check-in 2025-11-20` },
    ]);
    expect(report.bookings).toMatchObject({ listed: 2, created: 1, updated: 0, unchanged: 0, deleted: 0 });
    expect(events.at(-1)!.message).toBe('Step 2/2 done: 2 bookings (1 new, 0 updated, 0 deleted, 1 skipped)');
    expect((await reservationsOf(INDO.id)).map((r) => r.booking)).toEqual([good.id]);
  });
});

describe('step 1 failure stops the run', () => {
  it('a 401 on the accommodations list: SyncStepError(1), nothing written, no booking read', async () => {
    const site = await addSite(INDO);
    const { units } = hotel(site.fake, ['Room 101']);
    book(site.fake, [units[0]!]);
    const seen: string[] = [];
    const events: SyncProgress[] = [];
    const error = await rejection(
      sync(site, {
        events,
        fetch: recordingFetch(seen, (url) => (url.pathname === `${API}/accommodations` ? json401() : undefined)),
      }),
    );

    expect(error).toBeInstanceOf(SyncStepError);
    const failure = error as SyncStepError;
    expect(failure.step).toBe(1);
    expect(failure.cause).toBeInstanceOf(MotopressAuthError);
    expect((failure.cause as MotopressAuthError).status).toBe(401);
    expect(failure.message).toBe(
      `sync-all stopped at step 1/2 (accommodations): MotoPress refused the API key on GET ${INDO.siteUrl}${API}/accommodations?orderby=id&order=asc&per_page=100&page=1: HTTP 401 mphb_rest_cannot_view Sorry, you cannot list resources.`,
    );
    expect(events).toEqual([
      { step: 1, of: 2, phase: 'started', message: 'Step 1/2: syncing accommodations' },
      { step: 1, of: 2, phase: 'failed', message: `Step 1/2 failed: ${failure.message}; bookings were not synced` },
    ]);
    expect(events.at(-1)!.phase).toBe('failed');
    expect(formatSse(events.at(-1)!).startsWith('event: error\n')).toBe(true);
    expect(seen).toEqual([`GET ${API}/accommodation_types`, `GET ${API}/accommodations`]);
    expect(await count('hotels.accommodation_units')).toBe(0);
    expect(await count('guest_reservations')).toBe(0);
    expect(await count('reservation_accommodations')).toBe(0);
  });

  it('a wrong consumer secret: SyncStepError(1) on the very first request', async () => {
    const site = await addSite(INDO);
    const { units } = hotel(site.fake, ['Room 101']);
    book(site.fake, [units[0]!]);
    const events: SyncProgress[] = [];
    const error = await rejection(sync(site, { events, consumerSecret: `cs_${'00'.repeat(20)}` }));
    expect(error).toBeInstanceOf(SyncStepError);
    expect((error as SyncStepError).step).toBe(1);
    expect((error as SyncStepError).cause).toBeInstanceOf(MotopressAuthError);
    expect((error as SyncStepError).message).toContain(
      'HTTP 401 mphb_rest_authentication_error Consumer secret is invalid.',
    );
    expect(events.map((e) => [e.step, e.phase])).toEqual([
      [1, 'started'],
      [1, 'failed'],
    ]);
    expect(await count('hotels.accommodation_units')).toBe(0);
    expect(await count('guest_reservations')).toBe(0);
  });

  it('a host down for every retry (502): SyncStepError(1) after 5 attempts and 7.5 s of backoff', async () => {
    const site = await addSite(INDO);
    const { units } = hotel(site.fake, ['Room 101']);
    book(site.fake, [units[0]!]);
    const seen: string[] = [];
    const error = await rejection(
      sync(site, {
        fetch: recordingFetch(seen, (url) =>
          url.pathname === `${API}/accommodations` ? hostFaultResponse('http-502') : undefined,
        ),
      }),
    );
    expect((error as SyncStepError).step).toBe(1);
    const cause = (error as SyncStepError).cause;
    expect(cause).toBeInstanceOf(MotopressUnavailableError);
    expect([(cause as MotopressUnavailableError).attempts, (cause as MotopressUnavailableError).lastStatus]).toEqual([
      5, 502,
    ]);
    expect(t - T0).toBe(500 + 1000 + 2000 + 4000);
    expect(seen.filter((s) => s === `GET ${API}/accommodations`)).toHaveLength(5);
    expect(seen.some((s) => s.startsWith(`GET ${API}/bookings`))).toBe(false);
    expect(await count('guest_reservations')).toBe(0);
  });

  it('after a good run, a failing step 1 leaves every row as it was and writes no new booking', async () => {
    const site = await addSite(INDO);
    const { units } = hotel(site.fake, ['Room 101', 'Room 102']);
    book(site.fake, [units[0]!]);
    await sync(site);
    const before = await snapshot();

    site.fake.store.addAccommodation({ accommodationTypeId: units[0]!.accommodationTypeId, title: 'Room 103' });
    book(site.fake, [units[1]!]);
    t += 60_000;
    const error = await rejection(
      sync(site, {
        fetch: recordingFetch([], (url) => (url.pathname === `${API}/accommodations` ? json401() : undefined)),
      }),
    );
    expect((error as SyncStepError).step).toBe(1);
    expect(await snapshot()).toEqual(before);
  });

  it('a failing bookings list is SyncStepError(2): step 1 is kept, no reservation is written', async () => {
    const site = await addSite(INDO);
    const { units } = hotel(site.fake, ['Room 101']);
    book(site.fake, [units[0]!]);
    const events: SyncProgress[] = [];
    const error = await rejection(
      sync(site, {
        events,
        fetch: recordingFetch([], (url) => (url.pathname === `${API}/bookings` ? json401() : undefined)),
      }),
    );
    expect(error).toBeInstanceOf(SyncStepError);
    expect((error as SyncStepError).step).toBe(2);
    expect(
      (error as SyncStepError).message.startsWith(
        'sync-all stopped at step 2/2 (bookings): MotoPress refused the API key',
      ),
    ).toBe(true);
    expect(events.map((e) => [e.step, e.phase])).toEqual([
      [1, 'started'],
      [1, 'done'],
      [2, 'started'],
      [2, 'failed'],
    ]);
    expect(events.at(-1)!.message).toBe(`Step 2/2 failed: ${(error as Error).message}`);
    expect(await unitsOf(INDO.id)).toEqual([{ motopressId: 2, typeId: 1, title: 'Room 101', status: 'publish' }]);
    expect(await count('guest_reservations')).toBe(0);
  });
});

describe('a unit created in MotoPress after step 1 (the INDO race)', () => {
  it('is fetched on demand: the booking on it gets its unit and its junction row', async () => {
    const site = await addSite(INDO);
    const { type, units } = hotel(site.fake, ['Room 101']);
    const early = book(site.fake, [units[0]!]);
    let created: { unit: AccommodationRecord; booking: BookingRecord } | undefined;
    const seen: string[] = [];
    const adminActsBeforeBookings = (url: URL) => {
      if (url.pathname === `${API}/bookings` && !created) {
        t += 311;
        const unit = site.fake.store.addAccommodation({
          accommodationTypeId: type.id,
          title: "Owner's Suite - Annex 9",
          status: 'private',
        });
        created = {
          unit,
          booking: book(site.fake, [unit], {
            checkIn: '2025-12-20',
            checkOut: '2025-12-22',
            first: 'Indo',
            last: 'Guest',
          }),
        };
      }
      return undefined;
    };
    const report = await sync(site, { fetch: recordingFetch(seen, adminActsBeforeBookings) });
    const late = created!;
    expect([late.unit.id, late.booking.id]).toEqual([5, 6]);

    expect(report.accommodations).toMatchObject({ units: 1, created: 1 });
    expect(report.bookings).toEqual({
      listed: 2,
      created: 2,
      updated: 0,
      unchanged: 0,
      deleted: 0,
      skipped: [],
      unitsFetchedOnDemand: [5],
      unitsRecordedAsDeleted: [],
    });
    expect(seen).toContain(`GET ${API}/accommodations/5`);
    expect(await unitsOf(INDO.id)).toEqual([
      { motopressId: 2, typeId: 1, title: 'Room 101', status: 'publish' },
      { motopressId: 5, typeId: 1, title: 'Owner\u2019s Suite \u2013 Annex 9', status: 'private' },
    ]);
    expect(await reservationsOf(INDO.id)).toEqual([
      {
        booking: early.id,
        status: 'confirmed',
        checkIn: '2025-11-20',
        checkOut: '2025-11-23',
        guest: 'Ana Lima',
        unit: 2,
        unitTenant: INDO.id,
      },
      {
        booking: 6,
        status: 'confirmed',
        checkIn: '2025-12-20',
        checkOut: '2025-12-22',
        guest: 'Indo Guest',
        unit: 5,
        unitTenant: INDO.id,
      },
    ]);
    expect(await junctionOf(INDO.id)).toEqual([
      { booking: early.id, accommodation: 2, type: 1, unit: 2, unitTenant: INDO.id },
      { booking: 6, accommodation: 5, type: 1, unit: 5, unitTenant: INDO.id },
    ]);
    expect((await findNullUnitReservations(db)).total).toBe(0);

    // The next run lists the unit in step 1 and changes nothing.
    const before = await snapshot();
    t += 60_000;
    const next = await sync(site);
    expect(next.accommodations).toMatchObject({ units: 2, created: 0, updated: 0, markedDeleted: 0 });
    expect(next.bookings).toMatchObject({ created: 0, updated: 0, unchanged: 2, unitsFetchedOnDemand: [] });
    expect(await snapshot()).toEqual(before);
  });
});

describe('units deleted in MotoPress', () => {
  it('a booking on a hard-deleted unit points at a unit row recorded as deleted', async () => {
    const site = await addSite(INDO);
    const { units } = hotel(site.fake, ['Room 101', 'Room 102']);
    const gone = units[0]!;
    const booking = book(site.fake, [gone]);
    site.fake.store.removeAccommodation(gone.id);

    const report = await sync(site);
    expect(report.accommodations).toMatchObject({ units: 1, created: 1, markedDeleted: 0 });
    expect(report.bookings).toMatchObject({
      listed: 1,
      created: 1,
      unitsFetchedOnDemand: [],
      unitsRecordedAsDeleted: [2],
    });
    // No rate: MotoPress reports accommodation_type 0, so the type is unknown (NULL).
    expect(await unitsOf(INDO.id)).toEqual([
      { motopressId: 2, typeId: null, title: 'Accommodation #2 (deleted in MotoPress)', status: 'deleted' },
      { motopressId: 3, typeId: 1, title: 'Room 102', status: 'publish' },
    ]);
    expect(await reservationsOf(INDO.id)).toEqual([
      {
        booking: booking.id,
        status: 'confirmed',
        checkIn: '2025-11-20',
        checkOut: '2025-11-23',
        guest: 'Ana Lima',
        unit: 2,
        unitTenant: INDO.id,
      },
    ]);
    expect(await junctionOf(INDO.id)).toEqual([
      { booking: booking.id, accommodation: 2, type: 0, unit: 2, unitTenant: INDO.id },
    ]);

    const before = await snapshot();
    t += 60_000;
    const next = await sync(site);
    expect(next.bookings).toMatchObject({ created: 0, updated: 0, unchanged: 1, unitsRecordedAsDeleted: [] });
    expect(next.accommodations).toMatchObject({ created: 0, updated: 0, markedDeleted: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it("keeps the type MotoPress derives from the booking's rate", async () => {
    const site = await addSite(INDO);
    const type = site.fake.store.addAccommodationType({ title: 'Deluxe' });
    site.fake.store.addRate({ accommodationTypeId: type.id, title: 'Standard', basePrice: 120 });
    const unit = site.fake.store.addAccommodation({ accommodationTypeId: type.id, title: 'Room 101' });
    book(site.fake, [unit]);
    site.fake.store.removeAccommodation(unit.id);

    const report = await sync(site);
    expect(report.bookings.unitsRecordedAsDeleted).toEqual([unit.id]);
    expect(await unitsOf(INDO.id)).toEqual([
      {
        motopressId: unit.id,
        typeId: type.id,
        title: `Accommodation #${unit.id} (deleted in MotoPress)`,
        status: 'deleted',
      },
    ]);
    expect((await junctionOf(INDO.id)).map((j) => j.type)).toEqual([type.id]);
  });

  it('a trashed unit (still answers a GET) is recorded as deleted too', async () => {
    const site = await addSite(INDO);
    const { units } = hotel(site.fake, ['Room 101']);
    const booking = book(site.fake, [units[0]!]);
    site.fake.store.trashAccommodation(units[0]!.id);

    const report = await sync(site);
    expect(report.accommodations.units).toBe(0);
    expect(report.bookings.unitsRecordedAsDeleted).toEqual([2]);
    expect(report.bookings.unitsFetchedOnDemand).toEqual([]);
    expect(await unitsOf(INDO.id)).toEqual([
      { motopressId: 2, typeId: 1, title: 'Accommodation #2 (deleted in MotoPress)', status: 'deleted' },
    ]);
    expect((await reservationsOf(INDO.id)).map((r) => [r.booking, r.unit])).toEqual([[booking.id, 2]]);
  });

  it('a unit synced before it was deleted keeps its row and title, now deleted; the reservation keeps pointing at it', async () => {
    const site = await addSite(INDO);
    const { units } = hotel(site.fake, ['Room 101', 'Room 102']);
    book(site.fake, [units[0]!]);
    await sync(site);
    const rowId = async () =>
      (
        await db.query<{ id: string }>(
          'SELECT accommodation_unit_id::text AS id FROM guest_reservations WHERE tenant_id = $1',
          [INDO.id],
        )
      ).rows[0]!.id;
    const unitRowBefore = await rowId();

    site.fake.store.removeAccommodation(units[0]!.id);
    t += 60_000;
    const report = await sync(site);
    expect(report.accommodations).toMatchObject({ units: 1, created: 0, updated: 0, markedDeleted: 1 });
    // MotoPress derives a reserved room's type from the unit: with the unit (and no rate) gone it
    // reports 0, so the junction row follows (the reservation row itself is unchanged).
    expect(report.bookings).toMatchObject({
      updated: 1,
      unchanged: 0,
      unitsRecordedAsDeleted: [],
      unitsFetchedOnDemand: [],
    });
    expect((await junctionOf(INDO.id)).map((j) => [j.accommodation, j.type, j.unit])).toEqual([[2, 0, 2]]);
    expect(await unitsOf(INDO.id)).toEqual([
      { motopressId: 2, typeId: 1, title: 'Room 101', status: 'deleted' },
      { motopressId: 3, typeId: 1, title: 'Room 102', status: 'publish' },
    ]);
    expect(await rowId()).toBe(unitRowBefore);
    const { rows: kept } = await db.query<{ updated: string }>(
      `SELECT ${iso('updated_at')} AS updated FROM guest_reservations WHERE tenant_id = $1`,
      [INDO.id],
    );
    expect(kept[0]!.updated).toBe(new Date(T0).toISOString());
    const { rows } = await db.query<{ updated: string }>(
      `SELECT ${iso('updated_at')} AS updated FROM hotels.accommodation_units WHERE tenant_id = $1 AND motopress_id = 2`,
      [INDO.id],
    );
    expect(rows[0]!.updated).toBe(new Date(T0 + 60_000).toISOString());

    const before = await snapshot();
    t += 60_000;
    expect((await sync(site)).accommodations.markedDeleted).toBe(0);
    expect(await snapshot()).toEqual(before);
  });
});

describe('idempotency', () => {
  it('a second sync-all with MotoPress unchanged reports 0 created / 0 updated and changes no byte, even hours later', async () => {
    const site = await addSite(INDO);
    const store = site.fake.store;
    const deluxe = store.addAccommodationType({ title: 'Deluxe' });
    const villa = store.addAccommodationType({ title: 'Villa & Garden' });
    store.addRate({ accommodationTypeId: villa.id, title: 'Villa rate', basePrice: 300 });
    const r101 = store.addAccommodation({ accommodationTypeId: deluxe.id, title: 'Room 101' });
    const suite = store.addAccommodation({
      accommodationTypeId: deluxe.id,
      title: "Owner's Suite - Annex 9",
      status: 'private',
    });
    const v1 = store.addAccommodation({ accommodationTypeId: villa.id, title: 'Villa 1 & Pool' });
    const v2 = store.addAccommodation({ accommodationTypeId: villa.id, title: 'Villa 2' });
    book(site.fake, [r101]);
    book(site.fake, [suite, v1], { checkIn: '2025-12-01', checkOut: '2025-12-04', first: ' Rui ', last: '' });
    const cancelled = book(site.fake, [r101], { checkIn: '2025-12-10', checkOut: '2025-12-12' });
    store.cancelBooking(cancelled.id);
    book(site.fake, [v2], {
      status: 'pending-payment',
      checkIn: '2026-01-02',
      checkOut: '2026-01-05',
      first: '',
      last: '',
    });
    store.removeAccommodation(v2.id);

    const first = await sync(site);
    expect(first.accommodations).toEqual({
      types: 2,
      units: 3,
      created: 3,
      updated: 0,
      markedDeleted: 0,
      unknownTypeUnits: [],
    });
    expect(first.bookings).toEqual({
      listed: 4,
      created: 4,
      updated: 0,
      unchanged: 0,
      deleted: 0,
      skipped: [],
      unitsFetchedOnDemand: [],
      unitsRecordedAsDeleted: [v2.id],
    });
    const before = await snapshot();
    expect(before.filter((line) => line.endsWith(': 0'))).toEqual([]);

    for (const later of [1, 3_600_000, 86_400_000]) {
      t += later;
      const events: SyncProgress[] = [];
      const again = await sync(site, { events });
      expect(again.accommodations).toEqual({
        types: 2,
        units: 3,
        created: 0,
        updated: 0,
        markedDeleted: 0,
        unknownTypeUnits: [],
      });
      expect(again.bookings).toEqual({
        listed: 4,
        created: 0,
        updated: 0,
        unchanged: 4,
        deleted: 0,
        skipped: [],
        unitsFetchedOnDemand: [],
        unitsRecordedAsDeleted: [],
      });
      expect(events.at(-1)!.message).toBe('Step 2/2 done: 4 bookings (0 new, 0 updated, 0 deleted, 0 skipped)');
      expect(await snapshot()).toEqual(before);
    }
    expect(await unitsOf(INDO.id)).toEqual([
      { motopressId: r101.id, typeId: deluxe.id, title: 'Room 101', status: 'publish' },
      { motopressId: suite.id, typeId: deluxe.id, title: 'Owner\u2019s Suite \u2013 Annex 9', status: 'private' },
      { motopressId: v1.id, typeId: villa.id, title: 'Villa 1 & Pool', status: 'publish' },
      {
        motopressId: v2.id,
        typeId: villa.id,
        title: `Accommodation #${v2.id} (deleted in MotoPress)`,
        status: 'deleted',
      },
    ]);
  });

  // Regression: "updated" was once decided by `updated_at = now`, so an unchanged booking whose
  // row was written at the very instant of this sync was counted as updated.
  it('a second sync-all at the same clock reading also reports 0 updated', async () => {
    const site = await addSite(INDO);
    const { units } = hotel(site.fake, ['Room 101', 'Room 102']);
    book(site.fake, [units[0]!]);
    book(site.fake, [units[1]!]);
    await sync(site);
    const before = await snapshot();

    const again = await sync(site);
    expect(await snapshot()).toEqual(before);
    expect(again.bookings).toMatchObject({ listed: 2, created: 0, updated: 0, unchanged: 2 });
  });

  // Regression: a unit outside the listed statuses (a draft) was fetched on demand with its real
  // status, then the next step 1 did not list it and marked it 'deleted'.
  it('a booking on a draft unit: the second run changes no row and the unit stays a draft', async () => {
    const site = await addSite(INDO);
    const { type } = hotel(site.fake, ['Room 101']);
    const draft = site.fake.store.addAccommodation({
      accommodationTypeId: type.id,
      title: 'Room 102',
      status: 'draft',
    });
    book(site.fake, [draft]);

    const first = await sync(site);
    expect(first.bookings.unitsFetchedOnDemand).toEqual([draft.id]);
    expect((await unitsOf(INDO.id)).find((u) => u.motopressId === draft.id)?.status).toBe('draft');
    const before = await snapshot();

    t += 60_000;
    const second = await sync(site);
    expect(second.accommodations.markedDeleted).toBe(0);
    expect((await unitsOf(INDO.id)).find((u) => u.motopressId === draft.id)?.status).toBe('draft');
    expect(await snapshot()).toEqual(before);
  });
});

describe('cancelled, trashed and deleted bookings', () => {
  async function twoBookings() {
    const site = await addSite(INDO);
    const { units } = hotel(site.fake, ['Room 101', 'Room 102', 'Room 103']);
    const single = book(site.fake, [units[0]!]);
    const multi = book(site.fake, [units[1]!, units[2]!], { first: 'Rui', last: 'Sousa' });
    const report = await sync(site);
    expect(report.bookings.created).toBe(2);
    expect(await count('reservation_accommodations')).toBe(3);
    const reservationId = async (bookingId: number) =>
      (
        await db.query<{ id: string }>(
          'SELECT id::text FROM guest_reservations WHERE tenant_id = $1 AND external_booking_id = $2',
          [INDO.id, bookingId],
        )
      ).rows[0]?.id;
    return { site, units, single, multi, reservationId };
  }

  it('a cancelled booking is kept with status cancelled, its junction rows too', async () => {
    const { site, single, multi } = await twoBookings();
    const { rows: createdBefore } = await db.query<{ created: string }>(
      `SELECT ${iso('created_at')} AS created FROM guest_reservations WHERE external_booking_id = $1`,
      [multi.id],
    );
    site.fake.store.cancelBooking(multi.id);
    t += 90_000;

    const report = await sync(site);
    expect(report.bookings).toMatchObject({ listed: 2, created: 0, updated: 1, unchanged: 1, deleted: 0 });
    expect((await reservationsOf(INDO.id)).map((r) => [r.booking, r.status, r.unit])).toEqual([
      [single.id, 'confirmed', 2],
      [multi.id, 'cancelled', 3],
    ]);
    const { rows } = await db.query<{ created: string; updated: string }>(
      `SELECT ${iso('created_at')} AS created, ${iso('updated_at')} AS updated FROM guest_reservations WHERE external_booking_id = $1`,
      [multi.id],
    );
    expect(rows[0]).toEqual({ created: createdBefore[0]!.created, updated: new Date(T0 + 90_000).toISOString() });
    expect((await junctionOf(INDO.id)).map((j) => [j.booking, j.accommodation])).toEqual([
      [single.id, 2],
      [multi.id, 3],
      [multi.id, 4],
    ]);
  });

  it('a trashed booking: reservation and junction rows removed, counted as deleted; units stay', async () => {
    const { site, single, multi, reservationId } = await twoBookings();
    const gone = (await reservationId(multi.id))!;
    site.fake.store.trashBooking(multi.id);
    t += 60_000;
    const seen: string[] = [];
    const events: SyncProgress[] = [];

    const report = await sync(site, { events, fetch: recordingFetch(seen) });
    expect(report.bookings).toEqual({
      listed: 1,
      created: 0,
      updated: 0,
      unchanged: 1,
      deleted: 1,
      skipped: [],
      unitsFetchedOnDemand: [],
      unitsRecordedAsDeleted: [],
    });
    expect(events.at(-1)!.message).toBe('Step 2/2 done: 1 bookings (0 new, 0 updated, 1 deleted, 0 skipped)');
    expect(seen).toContain(`GET ${API}/bookings/${multi.id}`);
    expect((await reservationsOf(INDO.id)).map((r) => r.booking)).toEqual([single.id]);
    expect(await count('reservation_accommodations WHERE reservation_id = $1', [gone])).toBe(0);
    expect((await junctionOf(INDO.id)).map((j) => [j.booking, j.accommodation])).toEqual([[single.id, 2]]);
    expect((await unitsOf(INDO.id)).map((u) => u.status)).toEqual(['publish', 'publish', 'publish']);
  });

  it('a hard-deleted booking: reservation and junction rows removed, counted as deleted', async () => {
    const { site, single, multi, reservationId } = await twoBookings();
    const gone = (await reservationId(single.id))!;
    site.fake.store.deleteBooking(single.id);
    t += 60_000;

    const report = await sync(site);
    expect(report.bookings).toMatchObject({ listed: 1, created: 0, updated: 0, unchanged: 1, deleted: 1 });
    expect((await reservationsOf(INDO.id)).map((r) => r.booking)).toEqual([multi.id]);
    expect(await count('reservation_accommodations WHERE reservation_id = $1', [gone])).toBe(0);
    expect(await count('reservation_accommodations')).toBe(2);

    // Nothing left to delete: the next run deletes nothing.
    t += 60_000;
    const next = await sync(site);
    expect(next.bookings).toMatchObject({ listed: 1, unchanged: 1, deleted: 0 });
  });
});

describe('a multi-room booking', () => {
  it('has one junction row per unit, and the FIRST reserved room as the reservation unit', async () => {
    const site = await addSite(INDO);
    const { units } = hotel(site.fake, ['Room 101', 'Room 102', 'Room 103']);
    // Reserved in the order 103, 101: the first room is not the lowest id.
    const booking = book(site.fake, [units[2]!, units[0]!]);
    expect([units[0]!.id, units[2]!.id]).toEqual([2, 4]);

    await sync(site);
    expect(await reservationsOf(INDO.id)).toEqual([
      {
        booking: booking.id,
        status: 'confirmed',
        checkIn: '2025-11-20',
        checkOut: '2025-11-23',
        guest: 'Ana Lima',
        unit: 4,
        unitTenant: INDO.id,
      },
    ]);
    expect(await junctionOf(INDO.id)).toEqual([
      { booking: booking.id, accommodation: 4, type: 1, unit: 4, unitTenant: INDO.id },
      { booking: booking.id, accommodation: 2, type: 1, unit: 2, unitTenant: INDO.id },
    ]);

    // The admin removes a room from the booking: its junction row goes, the other stays.
    booking.rooms.splice(1, 1);
    t += 60_000;
    const report = await sync(site);
    expect(report.bookings).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    expect((await junctionOf(INDO.id)).map((j) => j.accommodation)).toEqual([4]);
  });
});

describe('two tenants with the same MotoPress ids', () => {
  it("each tenant's reservations and junction rows point only at its own units", async () => {
    const indo = await addSite(INDO);
    const simmer = await addSite(SIMMER_DOWN);
    const i = hotel(indo.fake, ['INDO Bungalow 1', 'INDO Bungalow 2'], 'INDO Bungalow');
    const s = hotel(simmer.fake, ['Simmer Room A', 'Simmer Room B'], 'Simmer Room');
    const ib = book(indo.fake, [i.units[1]!, i.units[0]!]);
    const sb = book(simmer.fake, [s.units[0]!], { first: 'Sam', last: 'Down' });
    // Both sites start at id 1: same type, unit and booking ids.
    expect([i.type.id, i.units[0]!.id, i.units[1]!.id, ib.id]).toEqual([1, 2, 3, 4]);
    expect([s.type.id, s.units[0]!.id, s.units[1]!.id, sb.id]).toEqual([1, 2, 3, 4]);
    // Simmer Down also has a booking on a unit it then deleted, an id INDO still has.
    const sGone = book(simmer.fake, [s.units[1]!], { checkIn: '2025-12-01', checkOut: '2025-12-02' });
    simmer.fake.store.removeAccommodation(s.units[1]!.id);

    await sync(indo);
    const simmerReport = await sync(simmer);
    expect(simmerReport.bookings.unitsRecordedAsDeleted).toEqual([3]);

    expect(await unitsOf(INDO.id)).toEqual([
      { motopressId: 2, typeId: 1, title: 'INDO Bungalow 1', status: 'publish' },
      { motopressId: 3, typeId: 1, title: 'INDO Bungalow 2', status: 'publish' },
    ]);
    expect(await unitsOf(SIMMER_DOWN.id)).toEqual([
      { motopressId: 2, typeId: 1, title: 'Simmer Room A', status: 'publish' },
      { motopressId: 3, typeId: null, title: 'Accommodation #3 (deleted in MotoPress)', status: 'deleted' },
    ]);
    expect(await reservationsOf(INDO.id)).toEqual([
      {
        booking: 4,
        status: 'confirmed',
        checkIn: '2025-11-20',
        checkOut: '2025-11-23',
        guest: 'Ana Lima',
        unit: 3,
        unitTenant: INDO.id,
      },
    ]);
    expect(await reservationsOf(SIMMER_DOWN.id)).toEqual([
      {
        booking: 4,
        status: 'confirmed',
        checkIn: '2025-11-20',
        checkOut: '2025-11-23',
        guest: 'Sam Down',
        unit: 2,
        unitTenant: SIMMER_DOWN.id,
      },
      {
        booking: sGone.id,
        status: 'confirmed',
        checkIn: '2025-12-01',
        checkOut: '2025-12-02',
        guest: 'Ana Lima',
        unit: 3,
        unitTenant: SIMMER_DOWN.id,
      },
    ]);
    expect((await junctionOf(INDO.id)).map((j) => [j.booking, j.unit, j.unitTenant])).toEqual([
      [4, 3, INDO.id],
      [4, 2, INDO.id],
    ]);
    expect((await junctionOf(SIMMER_DOWN.id)).map((j) => [j.booking, j.unit, j.unitTenant])).toEqual([
      [4, 2, SIMMER_DOWN.id],
      [sGone.id, 3, SIMMER_DOWN.id],
    ]);
    // Whole-table check: no reservation or junction row anywhere points at another tenant's unit.
    expect(
      await count(
        `guest_reservations r JOIN hotels.accommodation_units u ON u.id = r.accommodation_unit_id WHERE u.tenant_id <> r.tenant_id`,
      ),
    ).toBe(0);
    expect(
      await count(
        `reservation_accommodations j JOIN guest_reservations r ON r.id = j.reservation_id JOIN hotels.accommodation_units u ON u.id = j.accommodation_unit_id WHERE u.tenant_id <> r.tenant_id`,
      ),
    ).toBe(0);
  });
});

describe('findNullUnitReservations', () => {
  const ZED = { id: '0f3c1d2e-5a6b-4c7d-8e9f-a0b1c2d3e4f5', name: 'Zed Hostel' };

  async function insertNullUnit(
    tenantId: string,
    bookingId: number,
    fields: { guest?: string | null; createdAt?: string; status?: string } = {},
  ): Promise<string> {
    const { rows } = await engine.admin.query<{ id: string }>(
      `INSERT INTO guest_reservations (tenant_id, external_booking_id, status, check_in_date, check_out_date, guest_name, guest_email, guest_phone, accommodation_unit_id, created_at, updated_at)
       VALUES ($1, $2, $3, '2025-11-20', '2025-11-23', $4, NULL, NULL, NULL, $5, $5) RETURNING id::text`,
      [
        tenantId,
        bookingId,
        fields.status ?? 'confirmed',
        fields.guest === undefined ? 'Ana Lima' : fields.guest,
        fields.createdAt ?? '2025-11-19T22:19:09.984Z',
      ],
    );
    return rows[0]!.id;
  }

  async function storedAt(reservationId: string): Promise<string> {
    const { rows } = await db.query<{ at: string }>(
      'SELECT created_at::text AS at FROM guest_reservations WHERE id = $1',
      [reservationId],
    );
    return rows[0]!.at;
  }

  it('lists each NULL-unit reservation with its tenant, wp-admin link and junction count', async () => {
    const indo = await addSite(INDO);
    const { units } = hotel(indo.fake, ['Room 101']);
    book(indo.fake, [units[0]!]);
    await sync(indo);
    const indoNull = await insertNullUnit(INDO.id, 2432);
    // A trailing slash on the site URL must not double the slash of the link.
    await insertTenant(SIMMER_DOWN.id, SIMMER_DOWN.name, `${SIMMER_DOWN.siteUrl}/`);
    const simmerLate = await insertNullUnit(SIMMER_DOWN.id, 15, { guest: null, status: 'pending' });
    const simmerEarly = await insertNullUnit(SIMMER_DOWN.id, 9, { createdAt: '2025-11-18T10:00:00.000Z' });
    // Half-recovered: the junction row was written but the reservation still has no unit.
    await insertTenant(ZED.id, ZED.name, null);
    const zedUnit = (
      await engine.admin.query<{ id: string }>(
        `INSERT INTO hotels.accommodation_units (tenant_id, motopress_id, motopress_type_id, title, status) VALUES ($1, 7, NULL, 'Dorm', 'publish') RETURNING id::text`,
        [ZED.id],
      )
    ).rows[0]!.id;
    const zedNull = await insertNullUnit(ZED.id, 31);
    await engine.admin.query(
      'INSERT INTO reservation_accommodations (reservation_id, accommodation_unit_id, motopress_accommodation_id, motopress_type_id) VALUES ($1, $2, 7, 0)',
      [zedNull, zedUnit],
    );

    const report = await findNullUnitReservations(db);
    expect(report.total).toBe(4);
    expect(report.byTenant).toEqual([
      { tenantId: INDO.id, tenantName: 'INDO', count: 1 },
      { tenantId: SIMMER_DOWN.id, tenantName: 'Simmer Down', count: 2 },
      { tenantId: ZED.id, tenantName: 'Zed Hostel', count: 1 },
    ]);
    expect(report.reservations).toEqual([
      {
        tenantId: INDO.id,
        tenantName: 'INDO',
        reservationId: indoNull,
        externalBookingId: 2432,
        bookingAdminUrl: 'https://indo.hotel.fake/wp-admin/post.php?post=2432&action=edit',
        status: 'confirmed',
        checkIn: '2025-11-20',
        checkOut: '2025-11-23',
        guestName: 'Ana Lima',
        storedAt: await storedAt(indoNull),
        junctionRows: 0,
      },
      {
        tenantId: SIMMER_DOWN.id,
        tenantName: 'Simmer Down',
        reservationId: simmerEarly,
        externalBookingId: 9,
        bookingAdminUrl: 'https://simmerdown.hotel.fake/wp-admin/post.php?post=9&action=edit',
        status: 'confirmed',
        checkIn: '2025-11-20',
        checkOut: '2025-11-23',
        guestName: 'Ana Lima',
        storedAt: await storedAt(simmerEarly),
        junctionRows: 0,
      },
      {
        tenantId: SIMMER_DOWN.id,
        tenantName: 'Simmer Down',
        reservationId: simmerLate,
        externalBookingId: 15,
        bookingAdminUrl: 'https://simmerdown.hotel.fake/wp-admin/post.php?post=15&action=edit',
        status: 'pending',
        checkIn: '2025-11-20',
        checkOut: '2025-11-23',
        guestName: null,
        storedAt: await storedAt(simmerLate),
        junctionRows: 0,
      },
      {
        tenantId: ZED.id,
        tenantName: 'Zed Hostel',
        reservationId: zedNull,
        externalBookingId: 31,
        bookingAdminUrl: null,
        status: 'confirmed',
        checkIn: '2025-11-20',
        checkOut: '2025-11-23',
        guestName: 'Ana Lima',
        storedAt: await storedAt(zedNull),
        junctionRows: 1,
      },
    ]);
    // storedAt is the row's created_at: the INDO one is the incident's instant.
    const { rows } = await db.query<{ same: boolean }>(
      `SELECT $1::timestamptz = '2025-11-19T22:19:09.984Z'::timestamptz AS same`,
      [report.reservations[0]!.storedAt],
    );
    expect(rows[0]!.same).toBe(true);
  });

  it('filters by tenant, and reports nothing once sync-all has run on a clean table', async () => {
    const indo = await addSite(INDO);
    const { units } = hotel(indo.fake, ['Room 101']);
    book(indo.fake, [units[0]!]);
    await insertTenant(SIMMER_DOWN.id, SIMMER_DOWN.name, SIMMER_DOWN.siteUrl);
    await insertNullUnit(SIMMER_DOWN.id, 9);

    await sync(indo);
    expect(await findNullUnitReservations(db, INDO.id)).toEqual({ total: 0, byTenant: [], reservations: [] });
    const simmer = await findNullUnitReservations(db, SIMMER_DOWN.id);
    expect(simmer.total).toBe(1);
    expect(simmer.byTenant).toEqual([{ tenantId: SIMMER_DOWN.id, tenantName: 'Simmer Down', count: 1 }]);
    expect(simmer.reservations.map((r) => [r.externalBookingId, r.bookingAdminUrl, r.junctionRows])).toEqual([
      [9, 'https://simmerdown.hotel.fake/wp-admin/post.php?post=9&action=edit', 0],
    ]);
    expect((await findNullUnitReservations(db)).total).toBe(1);
  });
});

// Keep the error hierarchy import honest: a SyncStepError's cause is a MotopressError here.
describe('SyncStepError', () => {
  it('names the step and keeps the MotoPress error as its cause', async () => {
    const site = await addSite(INDO);
    const error = await rejection(
      sync(site, {
        fetch: recordingFetch([], (url) => (url.pathname === `${API}/accommodation_types` ? json401() : undefined)),
      }),
    );
    expect(error).toBeInstanceOf(SyncStepError);
    expect((error as SyncStepError).cause).toBeInstanceOf(MotopressError);
    expect(((error as SyncStepError).cause as MotopressError).kind).toBe('auth');
    expect((error as SyncStepError).message.startsWith('sync-all stopped at step 1/2 (accommodations): ')).toBe(true);
  });
});
