/**
 * What the MotoPress scenarios share: tenants, each with its own fake WordPress site (a
 * MotopressFake on the run's clock, registered on the case's msw server), and what the actors
 * leave behind for the invariants (progress events, snapshots taken by the heal phase, samples
 * of the reservations table taken while the syncs run).
 */
import {
  DEFAULT_CONSUMER_KEY,
  DEFAULT_CONSUMER_SECRET,
  MotopressFake,
  motopressHandlers,
} from 'syncsim/fakes/motopress';
import type { Clock } from '../../../src/clock.ts';
import type { Queryable } from '../../../src/db/db.ts';
import { MotopressClient } from '../../../src/motopress/motopress-client.ts';
import type { ActorEnv, WorldContext } from 'syncsim';
import type { ReservationSample } from './reservation-sample.ts';

export const INDO = {
  id: '76785d81-292b-4386-8a97-d6a54abb081d',
  name: 'INDO',
  siteUrl: 'https://indo.hotel.fake',
} as const;
export const SIMMER_DOWN = {
  id: 'b13c8fae-4309-4983-8952-75c58cf10023',
  name: 'Simmer Down',
  siteUrl: 'https://simmerdown.hotel.fake',
} as const;

export interface HotelSite {
  tenantId: string;
  name: string;
  siteUrl: string;
  fake: MotopressFake;
  /** Page size the sync's client asks for (default: the client's 100). */
  perPage?: number;
}

export interface HotelWorld {
  sites: HotelSite[];
  clock: Clock;
  /** Per tenant: table snapshots taken after each heal-phase sync (the idempotent invariant). */
  snapshots: Map<string, string[]>;
  /** What the table held at scheduled points of the run (reservation-sample.ts), oldest first. */
  samples?: ReservationSample[];
}

export function siteOf(world: HotelWorld, tenantId: string): HotelSite {
  const site = world.sites.find((s) => s.tenantId === tenantId);
  if (!site) throw new Error(`no MotoPress site for tenant ${tenantId}`);
  return site;
}

/** A tenant row plus its fake site, registered on the case's msw server. */
export async function addHotel(
  ctx: Pick<WorldContext<unknown>, 'db' | 'clock' | 'http'>,
  tenant: { id: string; name: string; siteUrl: string },
  firstId = 1,
): Promise<HotelSite> {
  await ctx.db.query(
    'INSERT INTO tenants (id, name, motopress_base_url, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)',
    [tenant.id, tenant.name, tenant.siteUrl, new Date(ctx.clock.now()).toISOString()],
  );
  const fake = new MotopressFake({ now: () => ctx.clock.now(), firstId });
  ctx.http.use(...motopressHandlers(fake, tenant.siteUrl));
  return { tenantId: tenant.id, name: tenant.name, siteUrl: tenant.siteUrl, fake };
}

/** The production client, over the actor's gated fetch and clock. */
export function motopressClientFor(env: ActorEnv, site: HotelSite): MotopressClient {
  return new MotopressClient({
    baseUrl: site.siteUrl,
    consumerKey: DEFAULT_CONSUMER_KEY,
    consumerSecret: DEFAULT_CONSUMER_SECRET,
    fetch: env.motopressFetch,
    clock: env.clock,
    ...(site.perPage === undefined ? {} : { perPage: site.perPage }),
  });
}

/** Everything one tenant's sync wrote, as comparable text (timestamps included), in one query. */
export async function snapshotTenant(db: Queryable, tenantId: string): Promise<string> {
  const { rows } = await db.query<{ snapshot: unknown }>(
    `SELECT json_build_object(
       'units', (SELECT coalesce(json_agg(u ORDER BY u.id), '[]') FROM hotels.accommodation_units u WHERE u.tenant_id = $1),
       'reservations', (SELECT coalesce(json_agg(r ORDER BY r.id), '[]') FROM guest_reservations r WHERE r.tenant_id = $1),
       'junction', (SELECT coalesce(json_agg(j ORDER BY j.id), '[]') FROM reservation_accommodations j JOIN guest_reservations r ON r.id = j.reservation_id WHERE r.tenant_id = $1)
     ) AS snapshot`,
    [tenantId],
  );
  return JSON.stringify(rows[0]!.snapshot);
}
