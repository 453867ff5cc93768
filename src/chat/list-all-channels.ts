// Lists every channel of the app, across all tenants, page by page, without ever asking for an
// offset past Stream's 1000: keyset paging on `created_at` (ascending), each next page filtered
// `created_at >= last seen`, with the offset counting only the channels already seen AT that
// instant (ties). Pages of 30 (Stream's maximum), no messages and at most 100 members each.
// Rate limits: a 429 waits until its X-RateLimit-Reset (on the injected clock) and retries
// the same page; any other error ends the listing (the audit reports it).
// Raw POST /channels instead of client.queryChannels(): the SDK keeps every channel it returns
// in client.activeChannels, which would make memory grow with the app instead of the page.
import type { StreamChat } from 'stream-chat';
import type { Clock } from '../clock.ts';
import { toListedChannel, type ListedChannel } from './listed-channel.ts';

export const channelPageSize = 30;
const maxOffset = 1000;

export interface ListAllChannelsOptions {
  readonly clock: Clock;
  /** Channels per request (at most 30). */
  readonly pageSize?: number;
  /** Extra filter ANDed to every page (e.g. one team, for parallel streams). */
  readonly filter?: Record<string, unknown>;
  /** How many 429s in a row before giving up (default 20). */
  readonly maxRateLimitWaits?: number;
}

interface QueryChannelsJson {
  channels?: readonly Parameters<typeof toListedChannel>[0][];
}

interface HttpErrorLike {
  status?: number;
  response?: { status?: number; headers?: Record<string, unknown> };
}

/** Milliseconds to wait before retrying a 429, or undefined when the error is not a 429. */
export function rateLimitWait(error: unknown, nowMs: number): number | undefined {
  const http = error as HttpErrorLike | null;
  const status = http?.status ?? http?.response?.status;
  if (status !== 429) return undefined;
  const reset = Number(http?.response?.headers?.['x-ratelimit-reset']);
  // Reset is in Unix seconds; without one, a second is Stream's own retry hint for code 9.
  return Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - nowMs) + 1 : 1000;
}

async function postWithRateLimit(
  client: StreamChat,
  body: Record<string, unknown>,
  options: ListAllChannelsOptions,
): Promise<QueryChannelsJson> {
  for (let waits = 0; ; waits++) {
    try {
      return await client.post<QueryChannelsJson>(`${client.baseURL}/channels`, body);
    } catch (error) {
      const wait = rateLimitWait(error, options.clock.now());
      if (wait === undefined || waits >= (options.maxRateLimitWaits ?? 20)) throw error;
      await options.clock.sleep(wait);
    }
  }
}

export async function* listAllChannels(
  client: StreamChat,
  options: ListAllChannelsOptions,
): AsyncGenerator<readonly ListedChannel[]> {
  const limit = Math.min(options.pageSize ?? channelPageSize, channelPageSize);
  let after: string | undefined;
  let seenAtAfter = 0;
  for (;;) {
    if (seenAtAfter > maxOffset) {
      throw new Error(`more than ${maxOffset} channels share created_at ${after ?? ''}: cannot page past them`);
    }
    const keyset = after === undefined ? {} : { created_at: { $gte: after } };
    const filter = options.filter ? { $and: [options.filter, keyset] } : keyset;
    const response = await postWithRateLimit(
      client,
      {
        filter_conditions: filter,
        sort: [{ field: 'created_at', direction: 1 }],
        limit,
        offset: seenAtAfter,
        state: true,
        watch: false,
        presence: false,
        message_limit: 0,
        member_limit: 100,
      },
      options,
    );
    const page = (response.channels ?? []).flatMap((state) => toListedChannel(state) ?? []);
    if (page.length > 0) yield page;
    if (page.length < limit) return;
    const last = page[page.length - 1]!.createdAt;
    const atLast = page.filter((channel) => channel.createdAt === last).length;
    seenAtAfter = last === after ? seenAtAfter + atLast : atLast;
    after = last;
  }
}
