// Keyset paging against a stand-in for POST /channels that behaves like Stream's (sort by
// created_at, $gte/$lt filter, offset <= 1000, limit <= 30, 429 with X-RateLimit-Reset): every
// channel comes back exactly once whatever the ties and whatever is deleted between pages, and no
// request asks past offset 1000; split into concurrent streams, still exactly once, at most one
// extra request per stream, and paced.
// (src/ tests cannot import the Stream fake; scenarios/chat/list-all-channels-streams.test.ts
// runs the split listing against it.)
import fc from 'fast-check';
import type { StreamChat } from 'stream-chat';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../clock.ts';
import { listAllChannels, rateLimitWait, type ListAllChannelsOptions } from './list-all-channels.ts';

interface Body {
  filter_conditions: { created_at?: { $gte?: string; $lt?: string } };
  limit: number;
  offset: number;
}

function standIn(createdAts: readonly string[], refuseEvery = 0, answerLater = false, clock?: Clock) {
  const channels = createdAts.map((createdAt, i) => ({
    id: `c${String(i).padStart(5, '0')}`,
    type: 'messaging',
    createdAt,
  }));
  // Stable order among ties (by id), as a database with a secondary key would give.
  let sorted = [...channels].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const remove = (id: string) => {
    sorted = sorted.filter((channel) => channel.id !== id);
  };
  const requests: Body[] = [];
  const sentAt: number[] = [];
  let calls = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const client = {
    baseURL: 'http://stream.test',
    post: async (url: string, body: Body): Promise<unknown> => {
      expect(url).toBe('http://stream.test/channels');
      calls++;
      if (clock) sentAt.push(clock.now());
      if (answerLater) {
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight--;
      }
      if (refuseEvery > 0 && calls % refuseEvery === 0) {
        return Promise.reject(
          Object.assign(new Error('StreamChat error code 9: rate limited'), {
            status: 429,
            response: { status: 429, headers: { 'x-ratelimit-reset': '1767225601' } },
          }),
        );
      }
      requests.push(body);
      if (body.offset > 1000 || body.limit > 30) return Promise.reject(new Error('out of range'));
      const from = body.filter_conditions.created_at?.$gte;
      const to = body.filter_conditions.created_at?.$lt;
      const page = sorted
        .filter((channel) => from === undefined || channel.createdAt >= from)
        .filter((channel) => to === undefined || channel.createdAt < to)
        .slice(body.offset, body.offset + body.limit);
      return Promise.resolve({
        channels: page.map((channel) => ({
          channel: {
            id: channel.id,
            type: channel.type,
            cid: `messaging:${channel.id}`,
            created_at: channel.createdAt,
          },
          members: [],
        })),
      });
    },
  };
  return {
    client: client as unknown as StreamChat,
    requests,
    sentAt,
    maxInFlight: () => maxInFlight,
    inFlight: () => inFlight,
    remove,
  };
}

function clockAt(startMs: number): Clock & { slept: number[] } {
  let now = startMs;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: (ms: number) => {
      slept.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}

async function listAll(
  client: StreamChat,
  clock: Clock,
  more: Omit<ListAllChannelsOptions, 'clock'> = {},
): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of listAllChannels(client, { clock, ...more })) ids.push(...page.map((channel) => channel.id));
  return ids;
}

const at = (second: number) => `2025-06-25T04:10:${String(40 + second).padStart(2, '0')}.000Z`;

describe('listAllChannels', () => {
  it('lists every channel exactly once, with ties split across pages, never past offset 1000', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 200 }), async (seconds) => {
        const createdAts = seconds.map((s) => `2025-06-25T04:10:${String(40 + s).padStart(2, '0')}.000Z`);
        const { client, requests } = standIn(createdAts);
        const ids = await listAll(client, clockAt(0));
        expect(ids.length).toBe(createdAts.length);
        expect(new Set(ids).size).toBe(createdAts.length);
        expect(requests.every((body) => body.offset <= 1000 && body.limit === 30)).toBe(true);
        // 30 new channels on the first page, 29 on each next (it repeats the last one), and a
        // short page at the end.
        expect(requests.length).toBeLessThanOrEqual(Math.floor(createdAts.length / 29) + 1);
      }),
      { numRuns: 60 },
    );
  });

  it('lists every channel live throughout exactly once while channels are deleted between pages', async () => {
    // The bug this guards against: an offset counting the channels already seen at the last
    // instant skips an unseen one there when a seen one is deleted before the next page.
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 2, max: 30 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 20 }),
        async (seconds, pageSize, deletions) => {
          const createdAts = seconds.map(at);
          const { client, remove } = standIn(createdAts);
          const byPage = new Map<number, string[]>();
          for (const [page, channel] of deletions) {
            const id = `c${String(channel % createdAts.length).padStart(5, '0')}`;
            byPage.set(page % 10, [...(byPage.get(page % 10) ?? []), id]);
          }
          const deleted = new Set<string>();
          const ids: string[] = [];
          let pages = 0;
          for await (const page of listAllChannels(client, { clock: clockAt(0), pageSize })) {
            ids.push(...page.map((channel) => channel.id));
            for (const id of byPage.get(pages++) ?? []) {
              remove(id);
              deleted.add(id);
            }
          }
          expect(new Set(ids).size).toBe(ids.length);
          const live = createdAts.map((_, i) => `c${String(i).padStart(5, '0')}`).filter((id) => !deleted.has(id));
          expect(live.filter((id) => !ids.includes(id))).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a page size below 2: a page repeats the one before it, so a page of one never moves on', async () => {
    const { client } = standIn([at(0), at(1)]);
    await expect(listAll(client, clockAt(0), { pageSize: 1 })).rejects.toThrow(RangeError);
  });

  it('split into concurrent created_at streams: every channel once, at most one extra request per stream', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 250 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 10 }), { maxLength: 5 }),
        async (seconds, cuts) => {
          const createdAts = seconds.map(at);
          const splits = [...cuts].sort((a, b) => a - b).map(at);
          const { client, requests } = standIn(createdAts, 0, true);
          const ids = await listAll(client, clockAt(0), { createdAtSplits: splits });
          expect(ids.length).toBe(createdAts.length);
          expect(new Set(ids).size).toBe(createdAts.length);
          expect(requests.every((body) => body.offset <= 1000 && body.limit === 30)).toBe(true);
          expect(requests.length).toBeLessThanOrEqual(Math.floor(createdAts.length / 29) + splits.length + 1);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('runs the streams at once, and refuses splits that are not increasing instants', async () => {
    const createdAts = Array.from({ length: 180 }, (_, i) => at(Math.floor(i / 20)));
    const { client, maxInFlight } = standIn(createdAts, 0, true);
    const ids = await listAll(client, clockAt(0), { createdAtSplits: [at(3), at(6)] });
    expect(new Set(ids).size).toBe(180);
    expect(maxInFlight()).toBe(3);
    await expect(listAll(client, clockAt(0), { createdAtSplits: [at(6), at(3)] })).rejects.toThrow(RangeError);
    await expect(listAll(client, clockAt(0), { createdAtSplits: ['soon'] })).rejects.toThrow(RangeError);
  });

  it("when one stream fails, the listing fails only after the other streams' requests in flight settled", async () => {
    const createdAts = Array.from({ length: 180 }, (_, i) => at(Math.floor(i / 20)));
    const { client, inFlight } = standIn(createdAts, 0, true);
    const post = client.post.bind(client);
    // The stream starting at at(6) fails at once; the others answer a turn later.
    client.post = ((url: string, body: Body) =>
      body.filter_conditions.created_at?.$gte === at(6)
        ? Promise.reject(new Error('boom'))
        : post(url, body)) as typeof client.post;
    await expect(listAll(client, clockAt(0), { createdAtSplits: [at(3), at(6)] })).rejects.toThrow('boom');
    expect(inFlight()).toBe(0);
  });

  it('spaces requests across all streams to requestsPerMinute on the injected clock', async () => {
    const createdAts = Array.from({ length: 200 }, (_, i) => at(Math.floor(i / 20)));
    // Sleepers wake in time order, one per macrotask, so a request leaves at the instant it was given.
    let now = Date.UTC(2026, 0, 1);
    const timers: { at: number; wake: () => void }[] = [];
    let pumping = true;
    const pump = () => {
      timers.sort((a, b) => a.at - b.at);
      const timer = timers.shift();
      if (timer) {
        now = Math.max(now, timer.at);
        timer.wake();
      }
      if (pumping) setImmediate(pump);
    };
    setImmediate(pump);
    const clock: Clock = {
      now: () => now,
      sleep: (ms) => new Promise<void>((wake) => timers.push({ at: now + ms, wake })),
    };
    const { client, requests, sentAt } = standIn(createdAts, 0, true, clock);
    const ids = await listAll(client, clock, { createdAtSplits: [at(2), at(5), at(8)], requestsPerMinute: 600 });
    pumping = false;
    expect(new Set(ids).size).toBe(200);
    const sorted = [...sentAt].sort((a, b) => a - b);
    expect(sorted.slice(1).every((t, i) => t - sorted[i]! >= 100)).toBe(true);
    expect(sorted.length).toBe(requests.length);
  });

  it('waits out a 429 until its reset on the injected clock, then retries the same page', async () => {
    const createdAts = Array.from(
      { length: 95 },
      (_, i) =>
        `2025-06-25T04:${String(10 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000Z`,
    );
    const { client } = standIn(createdAts, 2);
    const clock = clockAt(Date.UTC(2026, 0, 1));
    const ids = await listAll(client, clock);
    expect(new Set(ids).size).toBe(95);
    expect(clock.slept.length).toBeGreaterThan(0);
    expect(clock.slept[0]).toBe(1001);
  });

  it('reads the wait from a 429 only', () => {
    expect(rateLimitWait(new Error('boom'), 0)).toBeUndefined();
    expect(rateLimitWait({ status: 500 }, 0)).toBeUndefined();
    expect(rateLimitWait({ status: 429, response: { headers: { 'x-ratelimit-reset': '10' } } }, 4_000)).toBe(6_001);
    expect(rateLimitWait({ status: 429 }, 0)).toBe(1_000);
  });
});
