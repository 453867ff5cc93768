/**
 * The store on its own, with typed input and no HTTP: operations return records, rules that
 * need the state are enforced here, events are domain events, and `snapshot()` is a copy of the
 * whole state that reading cannot change. (Stream's wire format is tested through the handlers.)
 */
import { describe, expect, it } from 'vitest';
import type { StoreEvent } from './stream-store.ts';
import { StreamStore } from './stream-store.ts';

const T0 = Date.parse('2026-03-01T10:00:00Z');

function store() {
  let now = T0;
  const s = new StreamStore({ now: () => now });
  return { s, advance: (ms: number) => (now += ms) };
}

const channel = (id: string, createdBy: string, members: string[] = []) => ({
  type: 'messaging',
  id,
  distinct: false,
  data: {
    members: members.map((userId) => ({ userId, channelRole: 'channel_member', custom: {} })),
    createdBy,
    custom: { name: id },
  },
});

describe('StreamStore', () => {
  it('returns records and emits domain events', () => {
    const { s, advance } = store();
    const events: StoreEvent[] = [];
    s.onEvent((e) => events.push(e));
    const [ana] = s.upsertUsers([{ id: 'ana', custom: { name: 'Ana' } }]);
    expect(ana).toMatchObject({ id: 'ana', role: 'user', teams: [], custom: { name: 'Ana' }, createdAt: T0 });
    const { channel: room, created } = s.getOrCreateChannel(channel('room', 'ana', ['ana']));
    expect(created).toBe(true);
    advance(1_000);
    const message = s.sendMessage('messaging', 'room', { text: 'hi', type: 'regular', userId: 'ana', custom: {} });
    expect(message).toMatchObject({ cid: 'messaging:room', text: 'hi', createdAt: T0 + 1_000 });
    expect(room.lastMessageAt).toBe(T0 + 1_000);
    expect(events.map((e) => e.type)).toEqual(['channel.created', 'message.new']);
    expect(s.getOrCreateChannel(channel('room', 'ana')).created).toBe(false);
  });

  it('enforces the rules that need the state', () => {
    const { s } = store();
    s.upsertUsers([{ id: 'ana', custom: {} }]);
    expect(() => s.getOrCreateChannel(channel('room', 'ana', ['ghost']))).toThrow(/don't exist: \[ghost\]/);
    s.getOrCreateChannel(channel('room', 'ana'));
    const hi = { id: 'm1', text: 'hi', type: 'regular', userId: 'ana', custom: {} };
    s.sendMessage('messaging', 'room', hi);
    expect(() => s.sendMessage('messaging', 'room', hi)).toThrow(/a message with ID m1 already exists/);
    expect(() => s.sendMessage('messaging', 'nope', hi)).toThrow(/Can't find channel with id messaging:nope/);
    expect(() => s.partialUpdateUsers([{ id: 'bob', set: {}, unset: [] }])).toThrow(/user "bob" does not exist/);
  });

  it('a creator is required only to create: get-or-create of an existing channel ignores its data', () => {
    const { s } = store();
    s.upsertUsers([{ id: 'ana', custom: {} }]);
    const missing = {
      ...channel('room', 'ana'),
      data: { ...channel('room', 'ana').data, createdBy: new Error('no creator') },
    };
    expect(() => s.getOrCreateChannel(missing as never)).toThrow('no creator');
    s.getOrCreateChannel(channel('room', 'ana'));
    expect(s.getOrCreateChannel(missing as never).created).toBe(false);
  });

  it('snapshot() is the whole state as plain data, a copy', () => {
    const { s } = store();
    s.upsertUsers([{ id: 'ana', custom: {} }]);
    s.getOrCreateChannel(channel('room', 'ana', ['ana']));
    s.deleteChannels(['messaging:room'], true);
    const snapshot = s.snapshot();
    expect(snapshot.users.map((u) => u.id)).toEqual(['ana']);
    expect(snapshot.channels).toEqual([
      expect.objectContaining({ cid: 'messaging:room', members: [expect.objectContaining({ userId: 'ana' })] }),
    ]);
    expect(snapshot.tasks).toEqual([
      expect.objectContaining({ completed: false, result: { 'messaging:room': { status: 'ok' } } }),
    ]);
    snapshot.users[0]!.custom.name = 'changed';
    snapshot.channels[0]!.members.length = 0;
    expect(s.users.get('ana')!.custom).toEqual({});
    expect(s.channels.get('messaging:room')!.members.size).toBe(1);
    expect(JSON.parse(JSON.stringify(s.snapshot()))).toEqual(s.snapshot());
  });

  it("a hard delete frees its messages' ids; a soft delete keeps them taken", () => {
    const { s } = store();
    s.upsertUsers([{ id: 'ana', custom: {} }]);
    const send = (channelId: string, id: string) =>
      s.sendMessage('messaging', channelId, { id, text: 'hi', type: 'regular', userId: 'ana', custom: {} });
    for (const id of ['soft', 'hard', 'again']) s.getOrCreateChannel(channel(id, 'ana', ['ana']));
    send('soft', 'm1');
    send('hard', 'm2');
    s.deleteChannel('messaging', 'soft', false);
    s.deleteChannel('messaging', 'hard', true);
    expect(() => send('again', 'm1')).toThrow(/a message with ID m1 already exists/);
    expect(send('again', 'm2')).toMatchObject({ id: 'm2', cid: 'messaging:again' });
  });
});
