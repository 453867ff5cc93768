/**
 * The rate limits validate-migration's criterion 8 runs gym 4's migration under. The documented
 * defaults (shared/reference/stream-chat-api.md section 8: UpdateChannel 300/min, QueryUsers
 * 1000/min, ...) never bind on gym 4 (a handful of requests), so a migration that does not pace
 * itself would pass them; these are low enough that the room swaps alone need several windows,
 * as the defaults do for a gym with thousands of rooms. Only the endpoints listed here count
 * towards the floor.
 */
import type { HistoryEvent, MigrationRateLimits } from 'syncsim';
import { RATE_LIMIT_WINDOW_MS, streamEndpointOf } from 'syncsim/fakes/stream';
import type { LegacyIdsWorld } from './legacy-ids-gym-4-world.ts';

export const GYM4_RATE_LIMITS: Readonly<Record<string, number>> = {
  UpdateChannel: 2,
  QueryChannels: 3,
  QueryUsers: 3,
  UpdateUsers: 2,
  UpdateUsersPartial: 2,
  GetOrCreateChannel: 10,
};

export const migrationRateLimits: MigrationRateLimits<LegacyIdsWorld> = {
  why: `per minute ${Object.entries(GYM4_RATE_LIMITS)
    .map(([endpoint, limit]) => `${endpoint} ${limit}`)
    .join(', ')} (the documented defaults never bind on gym 4)`,
  windowMs: RATE_LIMIT_WINDOW_MS,
  impose: (world) => world.fake.limiter.override(GYM4_RATE_LIMITS),
  limitOf(event: HistoryEvent) {
    const endpoint = event.system === 'stream' ? streamEndpointOf(event.operation) : undefined;
    const limit = endpoint === undefined ? undefined : GYM4_RATE_LIMITS[endpoint];
    return endpoint === undefined || limit === undefined ? undefined : { endpoint, limit };
  },
  // The gate records a refused request as axios words it; a run with no injected faults has no other 429.
  refused: (event: HistoryEvent) => event.system === 'stream' && (event.error ?? '').includes('status code 429'),
};
