/**
 * A failing step stops sync-all: step 1 failing (a 401, a wrong secret, a host down for every
 * retry) writes nothing and reads no booking; step 2 failing keeps step 1; SyncStepError names
 * the step and keeps the MotoPress error as its cause.
 * Each test states the rows it expects, so a wrong row fails here by value.
 */
import { describe, expect, it } from 'vitest';
import { hostFaultResponse } from 'syncsim/fakes/motopress';
import {
  MotopressAuthError,
  MotopressError,
  MotopressUnavailableError,
} from '../../../../src/motopress/motopress-errors.ts';
import { SyncStepError } from '../../../../src/motopress/sync-all.ts';
import { formatSse, type SyncProgress } from '../../../../src/motopress/sync-progress.ts';
import { INDO } from '../hotel-world.ts';
import {
  API,
  T0,
  addSite,
  advance,
  book,
  count,
  hotel,
  json401,
  now,
  recordingFetch,
  rejection,
  snapshot,
  sync,
  unitsOf,
  useSyncAllHarness,
} from './sync-all-harness.ts';

useSyncAllHarness();

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
      `sync-all stopped at step 1/2 (accommodations): MotoPress refused the API key on GET ${INDO.siteUrl}${API}/accommodations?orderby=id&order=asc&per_page=100&page=1: HTTP 401 mphb_rest_cannot_view Sorry, you cannot list resources. (was the API key revoked or changed?)`,
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
    expect(now() - T0).toBe(500 + 1000 + 2000 + 4000);
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
    advance(60_000);
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
