/**
 * Message pagination on the channel query: the bounds are positions in channel order (not id
 * order), pages come back oldest first, and an operator's export that pages backwards with
 * id_lt through the real SDK gets every message exactly once.
 */
import { describe, expect, it } from 'vitest';
import { expectStreamError } from './fixtures/expect-stream-error.ts';
import { fakeStreamApp } from './fixtures/fake-stream-app.ts';
import { messagePage } from './message-page.ts';
import type { MessageRecord } from './stream-records.ts';
import { parseMessage, parseUpsertUsers } from './stream-requests.ts';

// Ids that do not sort in channel order, so a fake comparing id strings would fail.
const ids = ['m5', 'm3', 'm9', 'm1', 'm7', 'm2'];
const messages = ids.map((id) => ({ id }) as MessageRecord);
const page = (p: Parameters<typeof messagePage>[1]) => messagePage(messages, p).map((m) => m.id);

describe('messagePage', () => {
  it('with no bound: the newest `limit`, oldest first', () => {
    expect(page({ limit: 25 })).toEqual(ids);
    expect(page({ limit: 2 })).toEqual(['m7', 'm2']);
    expect(page({ limit: 0 })).toEqual([]);
  });

  it('id_lt / id_lte: the newest `limit` before (or up to) that message in channel order', () => {
    expect(page({ limit: 2, idLt: 'm1' })).toEqual(['m3', 'm9']);
    expect(page({ limit: 2, idLte: 'm1' })).toEqual(['m9', 'm1']);
    expect(page({ limit: 10, idLt: 'm1' })).toEqual(['m5', 'm3', 'm9']);
    expect(page({ limit: 10, idLt: 'm5' })).toEqual([]);
  });

  it('id_gt / id_gte: the oldest `limit` after (or from) that message', () => {
    expect(page({ limit: 2, idGt: 'm3' })).toEqual(['m9', 'm1']);
    expect(page({ limit: 2, idGte: 'm3' })).toEqual(['m3', 'm9']);
    expect(page({ limit: 10, idGt: 'm7' })).toEqual(['m2']);
    expect(page({ limit: 10, idGt: 'm2' })).toEqual([]);
  });

  it('both bounds: the range between them, from the lower bound', () => {
    expect(page({ limit: 10, idGt: 'm5', idLt: 'm7' })).toEqual(['m3', 'm9', 'm1']);
    expect(page({ limit: 2, idGte: 'm5', idLte: 'm7' })).toEqual(['m5', 'm3']);
    expect(page({ limit: 10, idGt: 'm7', idLt: 'm3' })).toEqual([]);
  });

  it('an id that names no message of the channel gives an empty page', () => {
    expect(page({ limit: 10, idLt: 'nope' })).toEqual([]);
    expect(page({ limit: 10, idGt: 'nope', idLt: 'm2' })).toEqual([]);
  });
});

describe('channel query messages pagination through the SDK', () => {
  it('an export paging backwards with id_lt until a short page gets all 650 messages exactly once, in order', async () => {
    await using app = fakeStreamApp();
    const store = app.fake.store;
    store.upsertUsers(parseUpsertUsers({ op: { id: 'op' } }));
    await app.client.channel('messaging', 'big', { created_by_id: 'op' } as never).create();
    // Seeded through the store (fast); ids out of lexicographic order on purpose.
    const sent: string[] = [];
    for (let i = 0; i < 650; i++) {
      const id = `msg-${(i * 7919) % 1000}`;
      store.sendMessage('messaging', 'big', parseMessage({ id, text: `t${i}`, user_id: 'op' }));
      sent.push(id);
    }

    // What the operator tool does: newest page first, then id_lt the oldest id of each page.
    const channel = app.client.channel('messaging', 'big');
    const limit = 300;
    const pages: string[][] = [];
    let before: string | undefined;
    // Bounded, so a fake that ignored id_lt fails here instead of looping forever.
    for (let requests = 0; requests < 10; requests++) {
      const state = await channel.query({ messages: { limit, ...(before ? { id_lt: before } : {}) } });
      const got = state.messages.map((m) => m.id);
      pages.unshift(got);
      if (got.length < limit) break;
      before = got[0];
    }
    expect(pages.map((p) => p.length)).toEqual([50, 300, 300]);
    const exported = pages.flat();
    expect(new Set(exported).size).toBe(650);
    expect(exported).toEqual(sent);
  });

  it('an exact multiple of the limit ends on an empty page; bad pagination is a 400 that creates nothing', async () => {
    await using app = fakeStreamApp();
    app.fake.store.upsertUsers(parseUpsertUsers({ op: { id: 'op' } }));
    const channel = app.client.channel('messaging', 'c', { created_by_id: 'op' } as never);
    await channel.create();
    for (let i = 0; i < 4; i++) await channel.sendMessage({ id: `m${i}`, text: 'x', user_id: 'op' });
    const ids = async (messages: Record<string, unknown>) =>
      (await channel.query({ messages })).messages.map((m) => m.id);
    expect(await ids({ limit: 2 })).toEqual(['m2', 'm3']);
    expect(await ids({ limit: 2, id_lt: 'm2' })).toEqual(['m0', 'm1']);
    expect(await ids({ limit: 2, id_lt: 'm0' })).toEqual([]);
    expect(await ids({ limit: 3, id_gt: 'm0' })).toEqual(['m1', 'm2', 'm3']);
    expect(await ids({})).toEqual(['m0', 'm1', 'm2', 'm3']);

    await expectStreamError(channel.query({ messages: { limit: 301 } }), {
      status: 400,
      code: 4,
      message: 'GetOrCreateChannel failed with error: "messages.limit must be 300 or less"',
    });
    await expectStreamError(channel.query({ messages: { id_lt: 5 } as never }), {
      status: 400,
      code: 4,
      message: 'messages.id_lt must be a non-empty string',
    });
    const fresh = app.client.channel('messaging', 'not-yet', { created_by_id: 'op' } as never);
    await expectStreamError(fresh.query({ messages: { limit: -1 } }), { status: 400, code: 4 });
    expect(app.fake.store.channels.has('messaging:not-yet')).toBe(false);
  });
});
