/**
 * Contract suite: Stream's rules driven through the REAL `stream-chat` SDK, against the fake
 * (always) and against a real Stream app when STREAM_API_KEY/STREAM_API_SECRET are set. Every
 * id carries a per-run prefix and every filter is scoped to the run (`run_id`), so the suite
 * can share a real app with other data; created users and channels are hard-deleted after.
 * A failure against the real app means the fake's model of Stream is wrong there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamChat, type Channel } from 'stream-chat';
import { expectStreamError } from './fixtures/expect-stream-error.ts';
import { fakeStreamApp, type FakeStreamApp } from './fixtures/fake-stream-app.ts';

interface Target {
  name: string;
  setup(): { client: StreamChat; run: string; tick(ms: number): void; settle(): Promise<void>; stop(): void };
}

const fakeTarget: Target = {
  name: 'the fake',
  setup() {
    const app: FakeStreamApp = fakeStreamApp();
    return {
      client: app.client,
      run: 'r1',
      tick: (ms) => app.clock.advance(ms),
      settle: () => Promise.resolve(),
      stop: () => app.stop(),
    };
  },
};

const realKey = process.env.STREAM_API_KEY;
const realSecret = process.env.STREAM_API_SECRET;
const realTarget: Target = {
  name: 'a real Stream app',
  setup() {
    const client = new StreamChat(realKey!, realSecret, { disableCache: true, timeout: 10_000 });
    // A run id unique enough to share an app: pid and a monotonic counter, never the wall clock API.
    const run = `r${process.pid}${process.hrtime.bigint() % 1_000_000n}`;
    return {
      client,
      run,
      tick: () => undefined,
      settle: () => new Promise((r) => setTimeout(r, 1_000)),
      stop: () => undefined,
    };
  },
};

contract(fakeTarget, false);
contract(realTarget, !(realKey && realSecret), 'skipped: STREAM_API_KEY and STREAM_API_SECRET are not set');

function contract(target: Target, skip: boolean, reason = ''): void {
  describe.skipIf(skip)(`Stream contract against ${target.name}${skip ? ` (${reason})` : ''}`, () => {
    let t: ReturnType<Target['setup']>;
    let client: StreamChat;
    let run: string;
    const users: string[] = [];
    const cids: string[] = [];
    const u = (name: string) => `${run}-${name}`;

    const channel = (id: string, data: Record<string, unknown>): Channel => {
      cids.push(`messaging:${u(id)}`);
      return client.channel('messaging', u(id), { run_id: run, ...data } as never);
    };
    const query = async (
      filter: Record<string, unknown>,
      sort: Record<string, 1 | -1> | Array<Record<string, 1 | -1>> = [],
      options: Record<string, unknown> = {},
    ) =>
      (await client.queryChannels({ run_id: run, ...filter } as never, sort as never, { limit: 30, ...options })).map(
        (c) => c.id!.slice(run.length + 1),
      );

    beforeAll(async () => {
      t = target.setup();
      client = t.client;
      run = t.run;
      const ids = ['owner', 'ann', 'bob', 'cid', 'dan'].map(u);
      users.push(...ids);
      await client.upsertUsers(
        ids.map((id, i) => ({
          id,
          name: `User ${i}`,
          teams: i % 2 === 0 ? ['gym-a'] : ['gym-a', 'gym-b'],
          run_id: run,
        })),
      );
    });

    afterAll(async () => {
      if (target !== fakeTarget) {
        await client.deleteChannels(cids, { hard_delete: true }).catch(() => undefined);
        await client.deleteUsers(users, { user: 'hard', messages: 'hard' }).catch(() => undefined);
      }
      t?.stop();
    });

    describe('users', () => {
      it('upsert keeps teams and inlines custom fields; queryUsers finds them by id $in and teams $contains', async () => {
        const found = await client.queryUsers(
          { id: { $in: [u('ann'), u('bob')] }, teams: { $contains: 'gym-b' } },
          { id: 1 },
        );
        expect(found.users.map((x) => x.id)).toEqual([u('ann')]);
        expect(found.users[0]).toMatchObject({ teams: ['gym-a', 'gym-b'], name: 'User 1', run_id: run });
        expect((found.users[0] as unknown as Record<string, unknown>).custom).toBeUndefined();
      });

      it('a full upsert replaces custom data; a partial update sets and unsets', async () => {
        const id = u('eve');
        users.push(id);
        await client.upsertUser({ id, name: 'Eve', color: 'red', teams: ['gym-a'] } as never);
        await client.upsertUser({ id, name: 'Eve 2' });
        let [eve] = (await client.queryUsers({ id }, {})).users;
        expect(eve).toMatchObject({ name: 'Eve 2' });
        expect(eve).not.toHaveProperty('color');
        await client.partialUpdateUser({ id, set: { teams: ['gym-b'], nick: 'e' } as never, unset: ['name'] });
        [eve] = (await client.queryUsers({ id }, {})).users;
        expect(eve).toMatchObject({ teams: ['gym-b'], nick: 'e' });
        expect(eve).not.toHaveProperty('name');
      });

      it('one invalid user fails the whole batch with code 4', async () => {
        await expectStreamError(client.upsertUsers([{ id: u('good') }, { id: `${u('bad')} id!` }]), {
          status: 400,
          code: 4,
          message: /^UpdateUsers failed with error: /,
        });
        expect((await client.queryUsers({ id: u('good') }, {})).users).toEqual([]);
      });

      it('queryUsers limit is at most 100', async () => {
        await expectStreamError(client.queryUsers({ id: u('ann') }, {}, { limit: 101 }), {
          status: 400,
          code: 4,
          message: /^QueryUsers failed with error: /,
        });
      });

      it('a deleted user leaves queryUsers and cannot be made a member', async () => {
        const id = u('gone');
        users.push(id);
        await client.upsertUser({ id });
        await client.deleteUser(id, { hard_delete: true });
        await t.settle();
        expect((await client.queryUsers({ id }, {})).users).toEqual([]);
        await expectStreamError(channel('with-gone', { created_by_id: u('owner'), members: [id] }).create(), {
          status: 400,
          code: 4,
          message: "don't exist",
        });
      });
    });

    describe('channels', () => {
      it('a server-side create needs exactly one of created_by / created_by_id (code 4)', async () => {
        await expectStreamError(channel('no-creator', { members: [u('ann')] }).create(), {
          status: 400,
          code: 4,
          message:
            'GetOrCreateChannel failed with error: "either data.created_by or data.created_by_id must be provided when using server side auth."',
        });
        await expectStreamError(
          channel('two-creators', { created_by_id: u('owner'), created_by: { id: u('owner') } }).create(),
          {
            status: 400,
            code: 4,
            message: 'cannot set both data.created_by and data.created_by_id.',
          },
        );
      });

      it('members must exist (code 4 listing them)', async () => {
        await expectStreamError(
          channel('ghosts', { created_by_id: u('owner'), members: [u('ann'), u('ghost')] }).create(),
          {
            status: 400,
            code: 4,
            message: `The following users are specified in channel.members but don't exist: [${u('ghost')}]`,
          },
        );
      });

      it('a channel id has at most 64 characters and no "!"', async () => {
        await expectStreamError(channel('x'.repeat(64), { created_by_id: u('owner') }).create(), {
          status: 400,
          code: 4,
          message: /^GetOrCreateChannel failed/,
        });
        await expectStreamError(channel('bang!id', { created_by_id: u('owner') }).create(), {
          status: 400,
          code: 4,
          message: "'!' in the ID",
        });
      });

      it('custom fields come back inline at the top level; get-or-create ignores data for an existing channel', async () => {
        const c = channel('inline', {
          created_by_id: u('owner'),
          members: [u('ann'), u('bob')],
          gym_id: 'g1',
          name: 'Inline',
        });
        await c.create();
        expect(c.data).toMatchObject({ gym_id: 'g1', name: 'Inline', member_count: 2, created_by: { id: u('owner') } });
        expect(c.data).not.toHaveProperty('custom');
        const again = channel('inline', { created_by_id: u('owner'), gym_id: 'g2' });
        const state = await again.query({});
        expect(state.channel).toMatchObject({ gym_id: 'g1', member_count: 2 });
        expect(state.members.map((m) => m.user_id).sort()).toEqual([u('ann'), u('bob')]);
      });

      it('update replaces ALL custom data; updatePartial sets and unsets (dotted keys) and refuses reserved fields', async () => {
        const c = channel('upd', {
          created_by_id: u('owner'),
          gym_id: 'g1',
          name: 'A',
          detail: { topic: 't', lang: 'en' },
        });
        await c.create();
        await c.update({ name: 'B' } as never);
        let [state] = await client.queryChannels({ cid: c.cid }, [], {});
        expect(state!.data).toMatchObject({ name: 'B' });
        expect(state!.data).not.toHaveProperty('gym_id');
        await c.updatePartial({ set: { gym_id: 'g3', 'detail.topic': 'u' } as never, unset: ['name' as never] });
        [state] = await client.queryChannels({ cid: c.cid }, [], {});
        expect(state!.data).toMatchObject({ gym_id: 'g3', detail: { topic: 'u' } });
        expect(state!.data).not.toHaveProperty('name');
        await expectStreamError(c.updatePartial({ set: { created_at: 'x' } }), {
          status: 403,
          code: 17,
          message: 'UpdateChannelPartial failed with error: "field `created_at` is reserved',
        });
      });

      it('add and remove members update the member list and count; unknown users are code 4', async () => {
        const c = channel('mem', { created_by_id: u('owner'), members: [u('ann')] });
        await c.create();
        const added = await c.addMembers([u('bob'), { user_id: u('cid'), channel_role: 'channel_moderator' }]);
        expect(added.members.map((m) => m.user_id).sort()).toEqual([u('ann'), u('bob'), u('cid')]);
        expect(added.channel.member_count).toBe(3);
        const removed = await c.removeMembers([u('ann')]);
        expect(removed.members.map((m) => m.user_id).sort()).toEqual([u('bob'), u('cid')]);
        await expectStreamError(c.addMembers([u('nobody')]), {
          status: 400,
          code: 4,
          message:
            /^UpdateChannel failed with error: "The following users are involved in channel update operation, but don't exist/,
        });
        expect(await query({ members: { $in: [u('cid')] }, cid: c.cid })).toEqual(['mem']);
      });

      it('messages are sent with a sender, visible in the channel query, and ids are unique', async () => {
        const c = channel('msgs', { created_by_id: u('owner'), members: [u('ann')] });
        await c.create();
        await expectStreamError(c.sendMessage({ text: 'anon' }), {
          status: 400,
          code: 4,
          message: 'either message.user or message.user_id must be provided',
        });
        const sent = await c.sendMessage({ id: `${run}-m1`, text: 'hello', user_id: u('ann') });
        expect(sent.message).toMatchObject({ id: `${run}-m1`, text: 'hello', user: { id: u('ann') } });
        await expectStreamError(c.sendMessage({ id: `${run}-m1`, text: 'again', user_id: u('ann') }), {
          status: 400,
          code: 4,
          message: `a message with ID ${run}-m1 already exists`,
        });
        const [state] = await client.queryChannels({ cid: c.cid }, [], { message_limit: 10 });
        expect(state!.state.messages.map((m) => m.text)).toEqual(['hello']);
        expect(state!.data?.last_message_at).toBeTruthy();
      });

      it('the channel query pages messages by id: id_lt/id_lte newest first in range, id_gt/id_gte oldest, each page oldest first', async () => {
        const c = channel('paged', { created_by_id: u('owner'), members: [u('ann')] });
        await c.create();
        // Ids that do not sort in channel order: the cursor is the message's place, not its id.
        const names = ['e', 'c', 'a', 'd', 'b'];
        for (const name of names) {
          t.tick(1000);
          await c.sendMessage({ id: `${run}-p${name}`, text: name, user_id: u('ann') });
        }
        const id = (name: string) => `${run}-p${name}`;
        const texts = async (messages: Record<string, unknown>) =>
          (await c.query({ messages })).messages.map((m) => m.text);
        expect(await texts({ limit: 2 })).toEqual(['d', 'b']);
        expect(await texts({ limit: 2, id_lt: id('d') })).toEqual(['c', 'a']);
        expect(await texts({ limit: 2, id_lte: id('d') })).toEqual(['a', 'd']);
        expect(await texts({ limit: 10, id_lt: id('e') })).toEqual([]);
        expect(await texts({ limit: 2, id_gt: id('e') })).toEqual(['c', 'a']);
        expect(await texts({ limit: 2, id_gte: id('a') })).toEqual(['a', 'd']);
      });

      it('truncate removes messages but keeps data and members', async () => {
        const c = channel('trunc', { created_by_id: u('owner'), members: [u('ann')], gym_id: 'g9' });
        await c.create();
        await c.sendMessage({ text: 'old', user_id: u('ann') });
        t.tick(1000);
        await c.truncate({ hard_delete: true });
        const [state] = await client.queryChannels({ cid: c.cid }, [], {});
        expect(state!.state.messages).toEqual([]);
        expect(state!.data).toMatchObject({ gym_id: 'g9', member_count: 1 });
      });

      it('a soft-deleted channel leaves queries, cannot be updated (404 code 16), and get-or-create recovers it empty', async () => {
        const c = channel('soft', { created_by_id: u('owner'), members: [u('ann')] });
        await c.create();
        await c.sendMessage({ text: 'before', user_id: u('ann') });
        const deleted = await c.delete();
        expect(deleted.channel.deleted_at).toBeTruthy();
        expect(await query({ cid: c.cid })).toEqual([]);
        await expectStreamError(c.update({ name: 'x' } as never), { status: 404, code: 16, message: 'find channel' });
        const recovered = await channel('soft', { created_by_id: u('owner') }).query({});
        expect(recovered.messages).toEqual([]);
        expect(await query({ cid: c.cid })).toEqual(['soft']);
      });

      it('batch delete answers a task; the channels leave queries at once and the task completes per cid', async () => {
        const a = channel('batch-a', { created_by_id: u('owner') });
        const b = channel('batch-b', { created_by_id: u('owner') });
        await a.create();
        await b.create();
        const { task_id } = await client.deleteChannels([a.cid, b.cid], { hard_delete: true });
        expect(task_id).toBeTruthy();
        expect(await query({ cid: { $in: [a.cid, b.cid] } })).toEqual([]);
        let task = await client.getTask(task_id!);
        for (let i = 0; i < 30 && task.status !== 'completed'; i++) {
          t.tick(1000);
          await t.settle();
          task = await client.getTask(task_id!);
        }
        expect(task.status).toBe('completed');
        expect(task.result).toMatchObject({ [a.cid]: { status: 'ok' }, [b.cid]: { status: 'ok' } });
        await expectStreamError(client.deleteChannels([u('batch-a')]), {
          status: 404,
          code: 16,
          message: 'DeleteChannels failed with error: "channels not found"',
        });
      });
    });

    describe('queryChannels', () => {
      beforeAll(async () => {
        for (const [id, data] of [
          ['q1', { gym_id: 'g1', members: [u('ann'), u('bob')], level: 1, tags: ['yoga'] }],
          ['q2', { gym_id: 'g2', members: [u('bob')], level: 2 }],
          ['q3', { gym_id: 'g1', members: [u('cid')], level: 3, tags: ['box', 'run'] }],
        ] as const) {
          t.tick(1000);
          await channel(id, { created_by_id: u('owner'), group: 'q', ...data }).create();
        }
      });
      const q = (filter: Record<string, unknown>, sort: Record<string, 1 | -1> = { created_at: 1 }) =>
        query({ group: 'q', ...filter }, sort);

      it('filters custom fields with $eq (bare and explicit), $in, $ne, $nin, $exists', async () => {
        expect(await q({ gym_id: 'g1' })).toEqual(['q1', 'q3']);
        expect(await q({ gym_id: { $eq: 'g2' } })).toEqual(['q2']);
        expect(await q({ gym_id: { $in: ['g2', 'g9'] } })).toEqual(['q2']);
        expect(await q({ gym_id: { $ne: 'g1' } })).toEqual(['q2']);
        expect(await q({ level: { $nin: [1, 3] } })).toEqual(['q2']);
        expect(await q({ tags: { $exists: true } })).toEqual(['q1', 'q3']);
        expect(await q({ tags: { $exists: false } })).toEqual(['q2']);
        expect(await q({ tags: { $in: ['run'] } })).toEqual(['q3']);
      });

      it('filters built-in fields: type, id, cid, members $in, created_at ranges', async () => {
        expect(await q({ type: 'messaging', id: { $in: [u('q1'), u('q2')] } })).toEqual(['q1', 'q2']);
        expect(await q({ cid: { $in: [`messaging:${u('q3')}`] } })).toEqual(['q3']);
        expect(await q({ members: { $in: [u('bob')] } })).toEqual(['q1', 'q2']);
        const all = await client.queryChannels({ run_id: run, group: 'q' } as never, { created_at: 1 }, {});
        const mid = all[1]!.data!.created_at as string;
        expect(await q({ created_at: { $gt: mid } })).toEqual(['q3']);
        expect(await q({ created_at: { $gte: mid } })).toEqual(['q2', 'q3']);
        expect(await q({ created_at: { $lt: mid } })).toEqual(['q1']);
        expect(await q({ created_at: { $lte: mid } })).toEqual(['q1', 'q2']);
      });

      it('combines with $and / $or and sorts', async () => {
        expect(await q({ $or: [{ gym_id: 'g2' }, { level: 3 }] })).toEqual(['q2', 'q3']);
        expect(await q({ $and: [{ gym_id: 'g1' }, { members: { $in: [u('ann')] } }] })).toEqual(['q1']);
        expect(await q({}, { created_at: -1 })).toEqual(['q3', 'q2', 'q1']);
      });

      it("limit above 30 and offset above 1000 are input errors (code 4) in Stream's error body", async () => {
        const body = await expectStreamError(client.queryChannels({ run_id: run } as never, [], { limit: 31 }), {
          status: 400,
          code: 4,
          message: /^QueryChannels failed with error: ".*limit/,
        });
        expect(body).toMatchObject({
          StatusCode: 400,
          more_info: expect.stringContaining('getstream.io') as unknown,
          duration: expect.any(String) as unknown,
        });
        await expectStreamError(client.queryChannels({ run_id: run } as never, [], { offset: 1001 }), {
          status: 400,
          code: 4,
          message: /offset/,
        });
        await expectStreamError(client.queryChannels({ run_id: run } as never, [], { member_limit: 101 }), {
          status: 400,
          code: 4,
          message: 'member_limit must be 100 or less',
        });
        await expectStreamError(client.queryChannels({ run_id: run, tags: { $exists: 'yes' } } as never), {
          status: 400,
          code: 4,
          message: '$exists operator only support boolean values',
        });
      });

      it('pages with limit and offset', async () => {
        const page = (offset: number) => query({ group: 'q' }, { created_at: 1 }, { limit: 2, offset });
        expect([...(await page(0)), ...(await page(2))]).toEqual(['q1', 'q2', 'q3']);
      });
    });
  });
}
