/**
 * Standalone mode: a real HTTP server on 127.0.0.1 answering the real SDK (baseURL pointed
 * there) and plain fetch, with a seeded world loaded, and stopping idempotently.
 */
import { StreamChat } from 'stream-chat';
import { describe, expect, it } from 'vitest';
import { serveStream } from './serve-stream.ts';
import { StreamFake } from './stream-fake.ts';
import { signServerToken } from './verify-server-token.ts';

describe('serveStream', () => {
  it('serves the real SDK over HTTP with the seeded world and the same rules', async () => {
    await using served = await serveStream({ port: 0, seed: 42, apiKey: 'k1', apiSecret: 's1' });
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = new StreamChat(served.apiKey, served.apiSecret, { baseURL: served.url, disableCache: true });
    const gym = served.world!.gyms[0]!;
    const rooms = await client.queryChannels(
      { gym_id: gym.id, kind: { $exists: false } } as never,
      { created_at: 1 },
      {},
    );
    expect(rooms.map((c) => c.cid)).toEqual([gym.roomCid]);
    expect(rooms[0]!.state.messages.length).toBeGreaterThan(0);
    await client.upsertUser({ id: 'py-backend' });
    const channel = client.channel('messaging', 'from-sdk', { created_by_id: 'py-backend', gym_id: gym.id } as never);
    await channel.create();
    await channel.sendMessage({ text: 'over real http', user_id: 'py-backend' });
    const [state] = await client.queryChannels({ cid: channel.cid }, [], {});
    expect(state!.state.messages.map((m) => m.text)).toEqual(['over real http']);
    const noCreator = await client
      .channel('messaging', 'x')
      .create()
      .catch((e: unknown) => e);
    expect(noCreator).toMatchObject({ code: 4, status: 400 });
    const wrong = await new StreamChat('k1', 'bad', { baseURL: served.url })
      .upsertUser({ id: 'z' })
      .catch((e: unknown) => e);
    expect(wrong).toMatchObject({ code: 5, status: 401 });
  });

  it('answers plain fetch, with Stream error bodies and unknown routes as 404, and ignores fault headers', async () => {
    await using served = await serveStream({ apiKey: 'k', apiSecret: 's' });
    const token = signServerToken('s');
    const headers = {
      'stream-auth-type': 'jwt',
      Authorization: token,
      'Content-Type': 'application/json',
      'x-syncsim-fault': 'http-500',
    };
    const ok = await fetch(`${served.url}/channels?api_key=k`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ filter_conditions: {}, limit: 30 }),
    });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ channels: [] });
    const tooMany = await fetch(`${served.url}/channels?api_key=k`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ filter_conditions: {}, limit: 31 }),
    });
    expect(await tooMany.json()).toMatchObject({
      code: 4,
      StatusCode: 400,
      message: 'QueryChannels failed with error: "limit must be 30 or less"',
    });
    expect((await fetch(`${served.url}/nope?api_key=k`)).status).toBe(404);
  });

  it('serves a given fake (a scenario world) with its credentials and state; refuses options it would ignore', async () => {
    const fake = new StreamFake({ apiKey: 'world-key', apiSecret: 'world-secret', now: () => 0 });
    fake.store.upsertUsers([{ id: 'user_10', teams: ['gym_4'], custom: {} }]);
    await using served = await serveStream({ fake });
    expect([served.apiKey, served.apiSecret, served.fake]).toEqual(['world-key', 'world-secret', fake]);
    const client = new StreamChat(served.apiKey, served.apiSecret, { baseURL: served.url, disableCache: true });
    expect((await client.queryUsers({ id: 'user_10' })).users.map((u) => u.teams)).toEqual([['gym_4']]);
    await expect(serveStream({ fake, apiKey: 'k', seed: 1 })).rejects.toThrow(
      'serveStream: fake is given, so apiKey, seed must not be',
    );
  });

  it('stop() is idempotent and frees the port', async () => {
    const served = await serveStream({});
    await Promise.all([served.stop(), served.stop()]);
    await served.stop();
    await expect(fetch(`${served.url}/users?api_key=k`)).rejects.toThrow();
  });

  it('loads the same world for the same seed', async () => {
    await using a = await serveStream({ seed: 7 });
    await using b = await serveStream({ seed: 7 });
    await using c = await serveStream({ seed: 8 });
    expect(b.world).toEqual(a.world);
    expect(c.world).not.toEqual(a.world);
  });
});
