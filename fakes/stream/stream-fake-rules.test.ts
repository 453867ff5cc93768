/**
 * Rules the contract suite cannot drive through the SDK (it validates them locally, or they
 * need the fake's clock): channel id/type charset over raw HTTP, distinct channels, tasks on
 * the simulated clock, the upsert batch limit, events for webhooks, message limits.
 */
import { describe, expect, it } from 'vitest';
import { expectStreamError } from './fixtures/expect-stream-error.ts';
import { API_KEY, API_SECRET, fakeStreamApp } from './fixtures/fake-stream-app.ts';
import { DEFAULT_BASE_URL } from './stream-handlers.ts';
import type { StreamEvent } from './stream-records.ts';
import { StreamError } from './stream-error.ts';
import { parseUpsertUsers } from './stream-requests.ts';
import { renderEvent } from './stream-responses.ts';
import { signServerToken } from './verify-server-token.ts';

const post = (path: string, body: unknown) =>
  fetch(`${DEFAULT_BASE_URL}${path}?api_key=${API_KEY}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'stream-auth-type': 'jwt',
      Authorization: signServerToken(API_SECRET),
    },
    body: JSON.stringify(body),
  });

describe('Stream fake rules', () => {
  it('channel ids outside [a-zA-Z0-9_-] are refused with code 4 (the SDK checks this locally, so over raw HTTP)', async () => {
    await using app = fakeStreamApp();
    app.fake.store.upsertUsers(parseUpsertUsers({ o: { id: 'o' } }));
    const bad = await post('/channels/messaging/bad%20id/query', { data: { created_by_id: 'o' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      code: 4,
      message: expect.stringMatching(
        /^GetOrCreateChannel failed with error: "channel id "bad id" is invalid/,
      ) as unknown,
    });
    expect((await post(`/channels/messaging/${'a'.repeat(64)}/query`, { data: { created_by_id: 'o' } })).status).toBe(
      201,
    );
    expect((await post(`/channels/messaging/${'a'.repeat(65)}/query`, { data: { created_by_id: 'o' } })).status).toBe(
      400,
    );
    expect((await post('/channels/mess.aging/c1/query', { data: { created_by_id: 'o' } })).status).toBe(400);
  });

  it('distinct channels: id from the members, at least 2 members, no members added later (403 code 17)', async () => {
    await using app = fakeStreamApp();
    await app.client.upsertUsers([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
    const dm = app.client.channel('messaging', { members: ['a', 'b'], created_by_id: 'a' } as never);
    await dm.create();
    expect(dm.id).toMatch(/^!members-/);
    const same = app.client.channel('messaging', { members: ['b', 'a'], created_by_id: 'b' } as never);
    await same.create();
    expect(same.id).toBe(dm.id);
    await expectStreamError(dm.addMembers(['c']), {
      status: 403,
      code: 17,
      message: 'cannot add members to the distinct channel',
    });
    await expectStreamError(app.client.channel('messaging', { members: ['a'], created_by_id: 'a' } as never).create(), {
      status: 400,
      code: 4,
      message: 'specify at least 2 members',
    });
  });

  it('a batch-delete task runs on the simulated clock and hard-deletes only when it completes', async () => {
    await using app = fakeStreamApp({ taskDurationMs: 5_000 });
    await app.client.upsertUser({ id: 'o' });
    await app.client.channel('messaging', 'c1', { created_by_id: 'o' } as never).create();
    const { task_id } = await app.client.deleteChannels(['messaging:c1', 'messaging:nope'], { hard_delete: true });
    expect(app.fake.store.channels.get('messaging:c1')?.deletedAt).toBeDefined();
    expect((await app.client.getTask(task_id!)).status).toBe('pending');
    app.clock.advance(5_000);
    const task = await app.client.getTask(task_id!);
    expect(task).toMatchObject({
      status: 'completed',
      result: { 'messaging:c1': { status: 'ok' }, 'messaging:nope': { status: 'error' } },
    });
    expect(app.fake.store.channels.has('messaging:c1')).toBe(false);
    await expectStreamError(app.client.getTask('no-such-task'), { status: 404, code: 16 });
  });

  it('upserts at most 100 users per call; teams at most 250', async () => {
    await using app = fakeStreamApp();
    await expectStreamError(app.client.upsertUsers(Array.from({ length: 101 }, (_, i) => ({ id: `u${i}` }))), {
      status: 400,
      code: 4,
      message: '100 or fewer',
    });
    await expectStreamError(
      app.client.upsertUser({ id: 'u1', teams: Array.from({ length: 251 }, (_, i) => `t${i}`) }),
      { status: 400, code: 4, message: 'teams' },
    );
    expect(app.fake.store.users.size).toBe(0);
  });

  it('messages: reserved timestamps, both sender forms, too long (code 20), unknown channel (404 code 16)', async () => {
    await using app = fakeStreamApp();
    await app.client.upsertUser({ id: 'a' });
    const c = app.client.channel('messaging', 'c1', { created_by_id: 'a' } as never);
    await c.create();
    await expectStreamError(c.sendMessage({ text: 'x', user_id: 'a', created_at: '2020-01-01T00:00:00Z' } as never), {
      status: 400,
      code: 4,
      message: 'message.created_at is a reserved field',
    });
    await expectStreamError(c.sendMessage({ text: 'x', user_id: 'a', user: { id: 'a' } }), {
      status: 400,
      code: 4,
      message: 'cannot set both message.user and message.user_id.',
    });
    await expectStreamError(c.sendMessage({ text: 'x'.repeat(5001), user_id: 'a' }), { status: 400, code: 20 });
    await expectStreamError(app.client.channel('messaging', 'nope').sendMessage({ text: 'x', user_id: 'a' }), {
      status: 404,
      code: 16,
      message: 'SendMessage failed with error: "Can\'t find channel with id messaging:nope"',
    });
  });

  it('adding and removing the same user in one request is a 400', async () => {
    await using app = fakeStreamApp();
    await app.client.upsertUsers([{ id: 'a' }, { id: 'b' }]);
    await app.client.channel('messaging', 'c1', { created_by_id: 'a' } as never).create();
    const res = await post('/channels/messaging/c1', { add_members: ['b'], remove_members: ['b'] });
    expect(res.status).toBe(400);
    expect(app.fake.store.channels.get('messaging:c1')!.members.size).toBe(0);
  });

  it('"message": null (what the Python SDK sends when there is none) means no message on update, add/remove members and truncate; a non-object message is still a 400', async () => {
    await using app = fakeStreamApp();
    await app.client.upsertUsers([{ id: 'a' }, { id: 'b' }]);
    await app.client.channel('messaging', 'c1', { created_by_id: 'a' } as never).create();
    const channel = () => app.fake.store.channels.get('messaging:c1')!;
    const calls: Array<[string, Record<string, unknown>]> = [
      ['/channels/messaging/c1', { data: { name: 'n' }, message: null }],
      ['/channels/messaging/c1', { add_members: ['b'], message: null }],
      ['/channels/messaging/c1', { remove_members: ['b'], message: null }],
      ['/channels/messaging/c1/truncate', { message: null }],
    ];
    for (const [path, body] of calls) {
      const res = await post(path, body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(201);
      expect(await res.json()).not.toHaveProperty('message');
    }
    expect(channel().custom).toEqual({ name: 'n' });
    expect(channel().members.size).toBe(0);
    expect(channel().truncatedAt).toBeDefined();
    expect(channel().messages).toEqual([]);

    for (const [path, body] of [
      ['/channels/messaging/c1', { data: { name: 'x' }, message: 5 }],
      ['/channels/messaging/c1', { add_members: ['b'], message: 'hi' }],
      ['/channels/messaging/c1/truncate', { message: [] }],
    ] as const) {
      const res = await post(path, body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        code: 4,
        message: expect.stringContaining('message must be an object') as unknown,
      });
    }
    expect(channel().custom).toEqual({ name: 'n' });
    expect(channel().members.size).toBe(0);
    // A message is required when sending one: null is not "absent" there.
    expect((await post('/channels/messaging/c1/message', { message: null })).status).toBe(400);
  });

  it("emits message.new and channel.created/updated/deleted with Stream's event fields", async () => {
    await using app = fakeStreamApp();
    const events: StreamEvent[] = [];
    app.fake.store.onEvent((e) => events.push(renderEvent(app.fake.store, e)));
    await app.client.upsertUsers([{ id: 'a' }]);
    const c = app.client.channel('messaging', 'c1', {
      created_by_id: 'a',
      members: ['a'],
      team: 'gym1',
      gym_id: 'g1',
    } as never);
    await c.create();
    await c.sendMessage({ text: 'hi', user_id: 'a' });
    await c.updatePartial({ set: { name: 'n' } as never });
    await c.delete();
    expect(events.map((e) => e.type)).toEqual(['channel.created', 'message.new', 'channel.updated', 'channel.deleted']);
    expect(events[0]!.payload).toMatchObject({
      cid: 'messaging:c1',
      channel_id: 'c1',
      channel_type: 'messaging',
      team: 'gym1',
      channel: { gym_id: 'g1', members: [{ user_id: 'a' }] },
      user: { id: 'a' },
    });
    expect(events[1]!.payload).toMatchObject({
      type: 'message.new',
      message: { text: 'hi' },
      user: { id: 'a' },
      members: [{ user_id: 'a' }],
    });
    expect(events[3]!.payload).toMatchObject({ channel: { deleted_at: expect.any(String) as unknown } });
  });

  it('queryChannels filters on team ($eq, $in) and server-side sees every team', async () => {
    await using app = fakeStreamApp();
    await app.client.upsertUsers([{ id: 'a', teams: ['red'] }]);
    for (const [id, team] of [
      ['c1', 'red'],
      ['c2', 'blue'],
      ['c3', 'red'],
    ] as const) {
      app.clock.advance(1);
      await app.client.channel('messaging', id, { created_by_id: 'a', team } as never).create();
    }
    const ids = async (filter: Record<string, unknown>) =>
      (await app.client.queryChannels(filter as never, { created_at: 1 }, {})).map((c) => c.id);
    expect(await ids({ team: 'red' })).toEqual(['c1', 'c3']);
    expect(await ids({ team: { $in: ['blue'] } })).toEqual(['c2']);
    expect(await ids({})).toEqual(['c1', 'c2', 'c3']);
    expect(await ids({ $or: [{ team: 'blue' }, { id: 'c1' }] })).toEqual(['c1', 'c2']);
  });

  it('default queryChannels sort is last_updated descending (a new message moves a channel up); default limit 10', async () => {
    await using app = fakeStreamApp();
    await app.client.upsertUser({ id: 'a' });
    for (let i = 0; i < 12; i++) {
      app.clock.advance(1);
      await app.client.channel('messaging', `c${i}`, { created_by_id: 'a' } as never).create();
    }
    app.clock.advance(1);
    await app.client.channel('messaging', 'c0').sendMessage({ text: 'bump', user_id: 'a' });
    const ids = (await app.client.queryChannels({})).map((c) => c.id);
    expect(ids).toEqual(['c0', 'c11', 'c10', 'c9', 'c8', 'c7', 'c6', 'c5', 'c4', 'c3']);
  });

  it('users: a soft-deleted user leaves queryUsers (unless include_deactivated_users) and cannot join channels; partial update of an unknown user is code 4', async () => {
    await using app = fakeStreamApp();
    await app.client.upsertUsers([{ id: 'a' }, { id: 'b' }]);
    const { user } = await app.client.deleteUser('b');
    expect(user).toMatchObject({ id: 'b', deleted_at: expect.any(String) as unknown });
    expect((await app.client.queryUsers({ id: { $in: ['a', 'b'] } }, { id: 1 })).users.map((u) => u.id)).toEqual(['a']);
    expect((await app.client.queryUsers({ id: 'b' }, {}, { include_deactivated_users: true })).users).toHaveLength(1);
    await expectStreamError(
      app.client.channel('messaging', 'c1', { created_by_id: 'a', members: ['b'] } as never).create(),
      { status: 400, code: 4, message: "don't exist: [b]" },
    );
    await expectStreamError(app.client.partialUpdateUser({ id: 'zed', set: { name: 'z' } }), {
      status: 400,
      code: 4,
      message: /^UpdateUsersPartial failed with error: /,
    });
    await expectStreamError(app.client.deleteUser('zed'), { status: 404, code: 16 });
  });

  it('deleteUsers marks users deleted at once and a task purges them (hard) with a per-user result', async () => {
    await using app = fakeStreamApp({ taskDurationMs: 1_000 });
    await app.client.upsertUsers([{ id: 'a' }, { id: 'b' }]);
    await app.client.channel('messaging', 'c1', { created_by_id: 'a', members: ['a', 'b'] } as never).create();
    const { task_id } = await app.client.deleteUsers(['b', 'ghost'], { user: 'hard' });
    expect((await app.client.queryUsers({ id: { $in: ['a', 'b'] } }, {})).users.map((u) => u.id)).toEqual(['a']);
    expect(app.fake.store.users.has('b')).toBe(true);
    app.clock.advance(1_000);
    expect(await app.client.getTask(task_id)).toMatchObject({
      status: 'completed',
      result: { b: { status: 'ok' }, ghost: { status: 'error' } },
    });
    expect(app.fake.store.users.has('b')).toBe(false);
    expect(app.fake.store.channels.get('messaging:c1')!.members.has('b')).toBe(false);
    await expectStreamError(app.client.deleteUsers([]), { status: 400, code: 4, message: /^DeleteUsers failed/ });
  });

  it('roundTrip holds every answer (errors too) on the given sleep, after the store ran at arrival', async () => {
    const sleeps: number[] = [];
    const seenAtArrival: number[] = [];
    let now = 0;
    await using app = fakeStreamApp({
      rateLimits: { QueryChannels: 1 },
      roundTrip: {
        ms: 80,
        sleep: (ms) => {
          sleeps.push(ms);
          now += ms;
          return Promise.resolve();
        },
      },
      now: () => now,
    });
    app.fake.store.onEvent(() => seenAtArrival.push(now));
    await app.client.upsertUsers([{ id: 'a' }]);
    await app.client.channel('messaging', 'c1', { created_by_id: 'a' } as never).create();
    expect(seenAtArrival).toEqual([80]);
    await app.client.queryChannels({}, [], {});
    await expectStreamError(app.client.queryChannels({}, [], {}), { status: 429, code: 9 });
    expect(sleeps).toEqual([80, 80, 80, 80]);
    expect(now).toBe(320);
  });

  it('StreamError keeps status and code apart from the detail', () => {
    const e = new StreamError(404, 16, 'gone');
    expect([e.status, e.code, e.message]).toEqual([404, 16, 'gone']);
  });
});
