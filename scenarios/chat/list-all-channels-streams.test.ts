// The split listing against the Stream fake over HTTP with the real SDK: channels with many
// shared creation instants (ties inside and across pages), split into concurrent created_at
// streams at instants that fall on those ties; every channel comes back exactly once, requests
// stay within one extra per stream, and no request asks past offset 1000 or for more than 30.
import { StreamChat } from 'stream-chat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStream, type StreamServer } from 'syncsim/fakes/stream';
import { listAllChannels } from '../../src/chat/list-all-channels.ts';

let server: StreamServer;
let client: StreamChat;
const bodies: { offset: number; limit: number }[] = [];
const clock = { now: () => Date.UTC(2026, 0, 1), sleep: () => Promise.resolve() };
const start = Date.UTC(2025, 5, 1);
const at = (step: number) => new Date(start + step * 60_000).toISOString();
const channelCount = 400;

beforeAll(async () => {
  server = await serveStream({});
  // Straight into the store: 400 channels over 23 instants, so every instant holds ~17 channels.
  const store = server.fake.store;
  for (let i = 0; i < channelCount; i++) {
    const id = `room_1_${i + 1}`;
    store.channels.set(`messaging:${id}`, {
      type: 'messaging',
      id,
      cid: `messaging:${id}`,
      team: 'gym_1',
      createdById: 'admin',
      custom: {},
      frozen: false,
      disabled: false,
      createdAt: start + ((i * 7) % 23) * 60_000,
      updatedAt: start,
      distinct: false,
      members: new Map(),
      messages: [],
      seq: i + 1,
    });
  }
  client = new StreamChat(server.apiKey, server.apiSecret, { baseURL: server.url, disableCache: true });
  const post = client.post.bind(client);
  client.post = (url: string, data?: unknown) => {
    bodies.push(data as { offset: number; limit: number });
    return post(url, data);
  };
});

afterAll(async () => {
  await server?.stop();
});

describe('listAllChannels in concurrent streams, against the Stream fake', () => {
  it('lists every channel exactly once, at most one extra request per stream', async () => {
    for (const splits of [[], [at(5)], [at(3), at(11), at(12), at(20)], [at(-5), at(30)]]) {
      bodies.length = 0;
      const ids: string[] = [];
      for await (const page of listAllChannels(client, { clock, createdAtSplits: splits }))
        ids.push(...page.map((channel) => channel.id));
      expect(ids.length).toBe(channelCount);
      expect(new Set(ids).size).toBe(channelCount);
      expect(bodies.length).toBeLessThanOrEqual(Math.floor(channelCount / 29) + splits.length + 1);
      expect(bodies.every((body) => body.offset <= 1000 && body.limit === 30)).toBe(true);
    }
  });
});
