/**
 * The Stream handlers' own router (fakes/direct-route.ts) answers exactly what msw's matching
 * of the same handlers answers. Two fakes start alike; the real `stream-chat` SDK calls every
 * route once, each request answered by the router on one fake and by msw (getResponse) on the
 * other, and each pair of answers must be equal (status, headers, body). The router declines
 * what msw matches only loosely (case, a trailing slash).
 */
import { getResponse } from 'msw';
import { StreamChat } from 'stream-chat';
import { describe, expect, it } from 'vitest';
import { directRouteOf } from '../direct-route.ts';
import { API_KEY, API_SECRET, START } from './fixtures/fake-stream-app.ts';
import { StreamFake } from './stream-fake.ts';
import { DEFAULT_BASE_URL, streamHandlers } from './stream-handlers.ts';

const described = async (response: Response) => ({
  status: response.status,
  headers: [...response.headers],
  body: await response.text(),
});

describe('stream handlers: their router answers as msw routes', () => {
  it('answers every route the SDK calls as msw does, on twin fakes', async () => {
    const twin = () => new StreamFake({ apiKey: API_KEY, apiSecret: API_SECRET, now: () => START });
    const routed = streamHandlers(twin(), DEFAULT_BASE_URL);
    const matched = streamHandlers(twin(), DEFAULT_BASE_URL);
    const route = directRouteOf(routed[0]!)!;
    const answered: string[] = [];
    const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const request = input instanceof Request ? input : new Request(input, init);
      const direct = route.answer(request.clone(), new URL(request.url));
      expect(direct, `${request.method} ${request.url}`).toBeDefined();
      const [a, b] = await Promise.all([direct!, getResponse(matched, request)]);
      expect(await described(a.clone()), `${request.method} ${request.url}`).toEqual(await described(b!));
      answered.push(`${request.method} ${new URL(request.url).pathname}`);
      return a;
    };
    const client = new StreamChat(API_KEY, API_SECRET, { baseURL: DEFAULT_BASE_URL, disableCache: true });
    client.axiosInstance.defaults.adapter = 'fetch';
    client.axiosInstance.defaults.env = { ...client.axiosInstance.defaults.env, fetch };

    await client.getAppSettings();
    await client.updateAppSettings({ disable_auth_checks: false });
    await client.upsertUsers([{ id: 'ann' }, { id: 'bob' }, { id: 'cy' }]);
    await client.partialUpdateUser({ id: 'ann', set: { name: 'Ann' } });
    await client.queryUsers({ id: { $in: ['ann', 'bob'] } });
    const channel = client.channel('messaging', 'room-1', { created_by_id: 'ann', members: ['ann', 'bob'] });
    await channel.create();
    await client.channel('messaging', { created_by_id: 'ann', members: ['ann', 'cy'] }).create();
    await channel.sendMessage({ text: 'hi', user_id: 'ann' });
    await channel.update({ name: 'Room 1' } as never);
    await channel.updatePartial({ set: { color: 'blue' } as never });
    await client.queryChannels({ members: { $in: ['ann'] } });
    await channel.truncate({ user_id: 'ann' });
    const { task_id } = await client.deleteUsers(['cy']);
    await client.getTask(task_id);
    await client.deleteUser('bob', { hard_delete: true });
    await client.deleteChannels(['messaging:room-1']);
    await client.channel('messaging', 'room-2', { created_by_id: 'ann' }).create();
    await client.channel('messaging', 'room-2').delete();

    // Errors too: a channel that does not exist, a user that does not exist.
    await client
      .channel('messaging', 'nope')
      .updatePartial({ set: { x: 1 } as never })
      .catch(() => undefined);
    await client.deleteUser('nobody').catch(() => undefined);
    expect(new Set(answered).size).toBeGreaterThanOrEqual(17);
  });

  it.each([
    ['another case of a literal', 'GET', '/APP'],
    ['a trailing slash', 'GET', '/app/'],
    ['a param that does not decode', 'DELETE', '/users/%E0%A4%A'],
  ])('declines %s (msw decides)', (_, method, path) => {
    const fake = new StreamFake({ apiKey: API_KEY, apiSecret: API_SECRET, now: () => START });
    const route = directRouteOf(streamHandlers(fake, DEFAULT_BASE_URL)[0]!)!;
    const url = `${DEFAULT_BASE_URL}${path}?api_key=${API_KEY}`;
    expect(route.answer(new Request(url, { method }), new URL(url))).toBeUndefined();
  });

  it('leaves a path no route has to msw', () => {
    const fake = new StreamFake({ apiKey: API_KEY, apiSecret: API_SECRET, now: () => START });
    const route = directRouteOf(streamHandlers(fake, DEFAULT_BASE_URL)[0]!)!;
    const url = `${DEFAULT_BASE_URL}/nothing/here`;
    expect(route.answer(new Request(url), new URL(url))).toBeUndefined();
  });
});
