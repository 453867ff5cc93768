/**
 * What every sync-all behaviour test shares: a real Postgres database (the test file's own,
 * cloned from the migrated template, emptied before each test) and the MotoPress fake over msw,
 * read by the production MotopressClient on a hand-driven clock; the row readers each test
 * states its expectations with; a fetch wrapper that plays the hotel's admin mid-run or the host
 * failing. It sits with the motopress scenario because it runs src/, fakes/ and sims/ together.
 */
import { setupServer } from 'msw/node';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import {
  DEFAULT_CONSUMER_KEY,
  DEFAULT_CONSUMER_SECRET,
  MotopressFake,
  motopressHandlers,
  type AccommodationRecord,
  type BookingRecord,
  type BookingStatus,
} from 'syncsim/fakes/motopress';
import { resetDatabase } from 'syncsim/vitest';
import type { CaseEngine } from 'syncsim/vitest';
import { useCaseEngine } from 'syncsim/vitest';
import type { Clock } from '../../../../src/clock.ts';
import type { Db } from '../../../../src/db/db.ts';
import { fromPgPool } from '../../../../src/db/from-pg-pool.ts';
import { MotopressClient, type FetchLike } from '../../../../src/motopress/motopress-client.ts';
import { syncAll, type SyncAllReport } from '../../../../src/motopress/sync-all.ts';
import type { SyncProgress } from '../../../../src/motopress/sync-progress.ts';

export const T0 = Date.parse('2025-11-19T22:19:09.000Z');
export const API = '/wp-json/mphb/v1';

// Live bindings: a test reads them once its file's beforeAll has run.
export let engine: CaseEngine;
export let db: Db;
let pool: pg.Pool;
const server = setupServer();

let t = T0;

/** The hand-driven clock's reading. */
export function now(): number {
  return t;
}

/** Time passes between two runs (the admin edits MotoPress, the next sync runs later). */
export function advance(ms: number): void {
  t += ms;
}

const clock: Clock = {
  now: () => t,
  sleep: (ms) => {
    t += ms;
    return Promise.resolve();
  },
};

/** Call once at the top of a test file: its own database, msw, and a clean state and clock before each test. */
export function useSyncAllHarness(): void {
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

  beforeEach(async () => {
    t = T0;
    server.resetHandlers();
    await resetDatabase(engine.resetter);
  });
}

export interface Tenant {
  id: string;
  name: string;
  siteUrl: string;
}

export interface Site extends Tenant {
  fake: MotopressFake;
}

/** The tenant row (as hotel-world.ts's addHotel writes it) and its fake site on msw. */
export async function addSite(tenant: Tenant): Promise<Site> {
  await insertTenant(tenant.id, tenant.name, tenant.siteUrl);
  const fake = new MotopressFake({ now: () => t });
  server.use(...motopressHandlers(fake, tenant.siteUrl));
  return { ...tenant, fake };
}

export async function insertTenant(id: string, name: string, siteUrl: string | null): Promise<void> {
  await engine.admin.query(
    'INSERT INTO tenants (id, name, motopress_base_url, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)',
    [id, name, siteUrl, new Date(T0).toISOString()],
  );
}

export function urlOf(input: string | URL | Request): URL {
  return new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
}

/** globalThis.fetch (msw), recording `METHOD path` of each request and letting a hook act first. */
export function recordingFetch(seen: string[], hook?: (url: URL) => Response | undefined): FetchLike {
  return (input, init) => {
    const url = urlOf(input);
    seen.push(`${init?.method ?? 'GET'} ${url.pathname}`);
    const answer = hook?.(url);
    return answer ? Promise.resolve(answer) : globalThis.fetch(input, init);
  };
}

export function clientFor(site: Site, options: { fetch?: FetchLike; consumerSecret?: string } = {}): MotopressClient {
  return new MotopressClient({
    baseUrl: site.siteUrl,
    consumerKey: DEFAULT_CONSUMER_KEY,
    consumerSecret: options.consumerSecret ?? DEFAULT_CONSUMER_SECRET,
    fetch: options.fetch ?? globalThis.fetch,
    clock,
  });
}

export async function sync(
  site: Site,
  options: { fetch?: FetchLike; consumerSecret?: string; events?: SyncProgress[] } = {},
): Promise<SyncAllReport> {
  const events = options.events;
  return syncAll(
    { db, motopress: clientFor(site, options), clock, ...(events ? { onProgress: (e) => events.push(e) } : {}) },
    site.id,
  );
}

export const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export interface UnitRow {
  motopressId: number;
  typeId: number | null;
  title: string;
  status: string;
}

export async function unitsOf(tenantId: string): Promise<UnitRow[]> {
  const { rows } = await db.query<UnitRow>(
    `SELECT motopress_id::int AS "motopressId", motopress_type_id::int AS "typeId", title, status
       FROM hotels.accommodation_units WHERE tenant_id = $1 ORDER BY motopress_id`,
    [tenantId],
  );
  return rows;
}

export interface ReservationRow {
  booking: number;
  status: string;
  checkIn: string;
  checkOut: string;
  guest: string | null;
  /** MotoPress id of the reservation's unit (null: the incident). */
  unit: number | null;
  unitTenant: string | null;
}

export async function reservationsOf(tenantId: string): Promise<ReservationRow[]> {
  const { rows } = await db.query<ReservationRow>(
    `SELECT r.external_booking_id::int AS booking, r.status, r.check_in_date::text AS "checkIn", r.check_out_date::text AS "checkOut",
            r.guest_name AS guest, u.motopress_id::int AS unit, u.tenant_id::text AS "unitTenant"
       FROM guest_reservations r LEFT JOIN hotels.accommodation_units u ON u.id = r.accommodation_unit_id
      WHERE r.tenant_id = $1 ORDER BY r.external_booking_id`,
    [tenantId],
  );
  return rows;
}

export interface JunctionRow {
  booking: number;
  accommodation: number;
  type: number | null;
  unit: number;
  unitTenant: string;
}

export async function junctionOf(tenantId: string): Promise<JunctionRow[]> {
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

export async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return rows[0]!.n;
}

/** Every row of every hotel table, as Postgres renders it (all columns, timestamps to the microsecond). */
export async function snapshot(): Promise<string[]> {
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
export function hotel(fake: MotopressFake, titles: string[], typeTitle = 'Deluxe') {
  const type = fake.store.addAccommodationType({ title: typeTitle });
  const units = titles.map((title) => fake.store.addAccommodation({ accommodationTypeId: type.id, title }));
  return { type, units };
}

export function book(
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

export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, the promise resolved');
}

export const json401 = () =>
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
