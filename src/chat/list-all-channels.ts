// Lists every channel of the app, across all tenants, page by page, without ever asking for an
// offset past Stream's 1000: keyset paging on `created_at` (ascending), each next page filtered
// `created_at >= last seen`, with an offset only among the channels at that instant (ties),
// checked on every page so that a deletion between pages cannot skip a channel. Pages of 30 (Stream's maximum), no messages and at most 100 members each.
// Rate limits: a 429 waits until its X-RateLimit-Reset (on the injected clock) and retries
// the same page; any other error ends the listing (the audit reports it).
// Raw POST /channels instead of client.queryChannels(): the SDK keeps every channel it returns
// in client.activeChannels, which would make memory grow with the app instead of the page.
// Concurrency: `createdAtSplits` cuts the created_at line into ranges [-inf, s1), [s1, s2), ...,
// [sk, +inf), one keyset stream each, all running at once; the ranges cover every instant
// once, so every channel is listed by exactly one stream. Pages are yielded as they arrive;
// each stream fetches its next page while the caller handles the last one, and waits for the
// caller before fetching another, so Node holds at most two pages per stream. Each page after a
// stream's first repeats its last channel (see listRange) and each stream ends on a short page,
// so with nothing changing meanwhile the requests are at most floor(N/29) plus one per stream.
// `requestsPerMinute` spaces requests (all streams together) evenly on the injected clock, so
// the listing takes a chosen share of the app's per-minute budget instead of bursting into 429s.
import type { StreamChat } from 'stream-chat';
import type { Clock } from '../clock.ts';
import { toListedChannel, type ListedChannel } from './listed-channel.ts';
import { isList, streamCall, StreamProtocolError } from './stream-call.ts';

export const channelPageSize = 30;
const maxOffset = 1000;

export interface ListAllChannelsOptions {
  readonly clock: Clock;
  /** Channels per request (2 to 30; default 30). */
  readonly pageSize?: number;
  /** Extra filter ANDed to every page (e.g. one team, for parallel streams). */
  readonly filter?: Record<string, unknown>;
  /** How many 429s in a row before giving up (default 20). */
  readonly maxRateLimitWaits?: number;
  /**
   * Increasing created_at instants (ISO) splitting the listing into concurrent keyset streams,
   * one per range (default none: one stream).
   */
  readonly createdAtSplits?: readonly string[];
  /** At most this many requests a minute, evenly spaced across streams (default: unpaced). */
  readonly requestsPerMinute?: number;
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

type Pace = () => Promise<void>;

/** Hands out request slots `60000 / perMinute` ms apart on the clock, in the order asked. */
function pacer(clock: Clock, perMinute: number | undefined): Pace {
  if (perMinute === undefined) return () => Promise.resolve();
  if (!(perMinute > 0) || !Number.isFinite(perMinute))
    throw new RangeError(`requestsPerMinute must be positive, got ${perMinute}`);
  const interval = 60_000 / perMinute;
  let next = -Infinity;
  return async () => {
    const now = clock.now();
    const at = Math.max(now, next);
    next = at + interval;
    if (at > now) await clock.sleep(at - now);
  };
}

async function postWithRateLimit(
  client: StreamChat,
  body: Record<string, unknown>,
  options: ListAllChannelsOptions,
  pace: Pace,
): Promise<QueryChannelsJson> {
  for (let waits = 0; ; waits++) {
    await pace();
    try {
      // A refusal (401/403) or a page that is not Stream's JSON ends the listing: never an empty page.
      return await streamCall<QueryChannelsJson>('POST /channels', () =>
        client.post(`${client.baseURL}/channels`, body),
      );
    } catch (error) {
      const wait = rateLimitWait(error, options.clock.now());
      if (wait === undefined || waits >= (options.maxRateLimitWaits ?? 20)) throw error;
      await options.clock.sleep(wait);
    }
  }
}

/** How often the channels at one instant may change under a stream before it gives up. */
const maxRestartsPerInstant = 20;

/**
 * One keyset stream over created_at in [from, to) (open where undefined).
 *
 * Each page after the first asks for `created_at >= at` (the instant of the last channel handed
 * out) from the offset of that last channel, so the page must begin with it: a check that
 * nothing before it at that instant was deleted or created since. An offset that merely counted
 * the channels already seen there would skip a channel never seen whenever one of those was
 * deleted between two pages. When the check fails, the stream rereads the instant from offset 0
 * and hands out only the channels it has not handed out yet (it remembers the ids at the current
 * instant: at most 1000 + 30, since the offset cannot go past 1000). So a channel live for the
 * whole listing is handed out exactly once, whatever the ties and whatever is deleted meanwhile;
 * the price is one channel of overlap a page (29 new channels a full page after the first).
 */
async function* listRange(
  client: StreamChat,
  options: ListAllChannelsOptions,
  pace: Pace,
  from: string | undefined,
  to: string | undefined,
): AsyncGenerator<readonly ListedChannel[]> {
  const limit = Math.min(options.pageSize ?? channelPageSize, channelPageSize);
  // A page repeats the last channel of the one before, so a page of one would never move on.
  if (!(limit >= 2)) throw new RangeError(`pageSize must be at least 2, got ${options.pageSize}`);
  let at: string | undefined; // instant of the last channel handed out
  let lastId = ''; // that channel
  let position = 0; // its offset among the channels created at or after `at`
  const seenAt = new Set<string>(); // ids handed out at `at`
  let restarts = 0;
  const fetchPage = async (lower: string | undefined, offset: number): Promise<ListedChannel[]> => {
    const createdAt = { ...(lower === undefined ? {} : { $gte: lower }), ...(to === undefined ? {} : { $lt: to }) };
    const keyset = Object.keys(createdAt).length === 0 ? {} : { created_at: createdAt };
    const filter = options.filter ? { $and: [options.filter, keyset] } : keyset;
    const response = await postWithRateLimit(
      client,
      {
        filter_conditions: filter,
        sort: [{ field: 'created_at', direction: 1 }],
        limit,
        offset,
        state: true,
        watch: false,
        presence: false,
        message_limit: 0,
        member_limit: 100,
      },
      options,
      pace,
    );
    const channels = response.channels;
    if (channels === undefined || !isList(channels))
      throw new StreamProtocolError(
        'Stream answered POST /channels without a channels list: the listing would be incomplete',
      );
    return channels.map((state) => {
      const channel = toListedChannel(state);
      // Dropping it would leave a hole in the listing that nobody sees.
      if (!channel) throw new Error('Stream listed a channel without an id and type: the listing would be incomplete');
      return channel;
    });
  };
  for (;;) {
    let offset = at === undefined ? 0 : position;
    let page = await fetchPage(at ?? from, offset);
    if (at !== undefined && page[0]?.id !== lastId) {
      // Something at `at` before the last channel changed: reread the instant from its start.
      if (++restarts > maxRestartsPerInstant)
        throw new Error(`the channels created at ${at} kept changing while they were listed`);
      if (offset > 0) page = await fetchPage(at, (offset = 0));
    }
    const fresh = page.filter((channel) => !(channel.createdAt === at && seenAt.has(channel.id)));
    if (fresh.length > 0) yield fresh;
    if (page.length < limit) return;
    const last = page[page.length - 1]!;
    if (last.createdAt === at) position = offset + page.length - 1;
    else {
      // Everything before `last`'s instant in this view is on this page (see the header).
      at = last.createdAt;
      seenAt.clear();
      restarts = 0;
      position = page.filter((channel) => channel.createdAt === at).length - 1;
    }
    for (const channel of page) if (channel.createdAt === at) seenAt.add(channel.id);
    lastId = last.id;
    if (position > maxOffset) {
      throw new Error(`more than ${maxOffset} channels share created_at ${at}: cannot page past them`);
    }
  }
}

/**
 * The streams' pages in arrival order. A stream is asked for its next page as soon as its last
 * one is taken, so it fetches while the caller handles that page; at most one finished page
 * per stream waits here. The first error ends the listing, once the other streams' requests in
 * flight have settled (no more are made).
 */
async function* merge(
  streams: readonly AsyncGenerator<readonly ListedChannel[]>[],
): AsyncGenerator<readonly ListedChannel[]> {
  type Next = { index: number; result: IteratorResult<readonly ListedChannel[]> };
  const pending = new Map<number, Promise<Next>>();
  const ask = (index: number) => {
    pending.delete(index); // re-inserted last: among pages ready together, the longest-waiting goes first
    pending.set(
      index,
      streams[index]!.next().then((result) => ({ index, result })),
    );
  };
  streams.forEach((_, index) => ask(index));
  try {
    while (pending.size > 0) {
      const { index, result } = await Promise.race(pending.values());
      if (result.done) {
        pending.delete(index);
        continue;
      }
      ask(index);
      yield result.value;
    }
  } finally {
    // Leaving early (an error, or the caller stopped): the other streams' requests in flight
    // finish before the listing does (their pages are dropped, their errors too), so nothing it
    // started outlives it: a caller that recovers from the error owns no stray request.
    await Promise.allSettled(pending.values());
  }
}

export async function* listAllChannels(
  client: StreamChat,
  options: ListAllChannelsOptions,
): AsyncGenerator<readonly ListedChannel[]> {
  const splits = options.createdAtSplits ?? [];
  splits.forEach((split, i) => {
    const at = Date.parse(split);
    if (Number.isNaN(at) || (i > 0 && !(at > Date.parse(splits[i - 1]!))))
      throw new RangeError(`createdAtSplits must be increasing instants, got ${JSON.stringify(splits)}`);
  });
  const pace = pacer(options.clock, options.requestsPerMinute);
  const bounds = [undefined, ...splits, undefined];
  const streams =
    splits.length === 0 ? [] : bounds.slice(1).map((to, i) => listRange(client, options, pace, bounds[i], to));
  if (streams.length === 0) yield* listRange(client, options, pace, undefined, undefined);
  else yield* merge(streams);
}
