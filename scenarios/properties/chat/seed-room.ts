/**
 * One seeded room in the shape the input asks for: the row in chat_rooms (with its members) and
 * the channel in Stream (with its members and a few messages), or only one of them, written
 * ungated (building the world is not part of the race). The shapes are incident A's: a channel in
 * the wrong team, a gym_id that disagrees with the team, members still on legacy ids, members
 * that differ, a channel only in Stream (its team and gym_id agreeing, or not), a room whose
 * channel is gone, an event channel whose event is gone.
 * The rows are gathered, not written: the world writes them all in one statement (insert-chat-rows.ts).
 */
import type { StreamStore } from 'syncsim/fakes/stream';
import { formatStreamChannelId } from '../../../src/chat/stream-channel-id.ts';
import type { RoomSeed } from './chat-input.ts';
import { EVENT_SUFFIX } from './chat-world.ts';

/** The rows a world writes, gathered so that they go to Postgres in one statement (insert-chat-rows.ts). */
export interface WorldRows {
  events: Array<{ id: number; gymId: number; title: string; startsAt: string }>;
  rooms: Array<{ id: number; gymId: number; channelId: string; name: string; kind: string; eventId: number | null }>;
  members: Array<{ roomId: number; userId: number }>;
}

export interface SeedContext {
  rows: WorldRows;
  store: StreamStore;
  gymIds: readonly number[];
  usersOf: ReadonlyMap<number, readonly number[]>;
  allUsers: readonly number[];
  /** Channel ids already seeded: two direct rooms of the same pair would be one channel. */
  used: Set<string>;
  /** Sets the instant the fake stamps on what is written next (the world's past). */
  at(ms: number): void;
}

export interface SeededRoom {
  roomId?: number;
  /** The event row this room's channel names, when the world created one. */
  event?: { id: number; gymId: number };
}

type GetOrCreate = Parameters<StreamStore['getOrCreateChannel']>[0];

const hasRow = (shape: RoomSeed['shape']) =>
  !['only-in-stream', 'only-in-stream-disagree', 'orphan-event'].includes(shape);
const hasChannel = (shape: RoomSeed['shape']) => shape !== 'only-in-db';

/** `roomId`: the chat_rooms id drawn for this room (every seeded room draws one, row or not). */
export function seedRoom(ctx: SeedContext, seed: RoomSeed, index: number, startMs: number, roomId: number): SeededRoom {
  const gymId = ctx.gymIds[seed.gym % ctx.gymIds.length]!;
  const other = ctx.gymIds[(seed.gym + 1) % ctx.gymIds.length]!;
  const inGym = ctx.usersOf.get(gymId) ?? [];
  let members = inGym.filter((_, i) => (seed.members >> i) & 1);
  if (members.length === 0) members = inGym.slice(0, 1);
  const legacy = seed.shape === 'legacy-members';
  const streamUser = (user: number) => (legacy ? `user_${user}` : `gym_${gymId}_user_${user}`);
  const idOf = (user: number) =>
    legacy ? ({ kind: 'legacy', userId: user } as const) : ({ kind: 'tenant', gymId, userId: user } as const);
  const pair = members.length >= 2 ? members.slice(0, 2) : inGym.slice(0, 2);
  const directId =
    pair.length < 2 ? undefined : formatStreamChannelId({ kind: 'direct', members: [idOf(pair[0]!), idOf(pair[1]!)] });
  // A direct chat needs two people and is one channel per pair: otherwise the room is a group.
  const kind =
    seed.shape === 'orphan-event'
      ? 'event'
      : seed.kind === 'direct' && (directId === undefined || ctx.used.has(directId))
        ? 'group'
        : seed.kind;
  if (kind === 'direct') members = pair;

  const seeded: SeededRoom = {};
  let eventId: number | null = null;
  if (kind === 'event') {
    eventId = (seed.shape === 'orphan-event' ? 900 : 100) + index;
    if (seed.shape !== 'orphan-event') {
      ctx.rows.events.push({
        id: eventId,
        gymId,
        title: `Class ${eventId}`,
        startsAt: new Date(startMs + 86_400_000).toISOString(),
      });
      seeded.event = { id: eventId, gymId };
    }
  }
  const channelId =
    kind === 'event'
      ? `event_${eventId}_${EVENT_SUFFIX}`
      : kind === 'direct'
        ? directId!
        : formatStreamChannelId({ kind: 'room', gymId, roomId });
  ctx.used.add(channelId);

  if (hasRow(seed.shape)) {
    ctx.rows.rooms.push({ id: roomId, gymId, channelId, name: `Room ${index + 1}`, kind, eventId });
    for (const user of members) ctx.rows.members.push({ roomId, userId: user });
    seeded.roomId = roomId;
  }

  if (hasChannel(seed.shape)) {
    let channelMembers = members;
    if (seed.shape === 'member-mismatch')
      channelMembers =
        members.length >= 2 ? members.slice(1) : [...members, ctx.allUsers.find((u) => !members.includes(u))!];
    const created = startMs - (20 - index) * 3_600_000;
    ctx.at(created);
    const request: GetOrCreate = {
      type: 'messaging',
      id: channelId,
      distinct: false,
      data: {
        members: channelMembers.map((user) => ({
          userId: streamUser(user),
          channelRole: 'channel_member',
          custom: {},
        })),
        createdBy: 'admin',
        team: seed.shape === 'wrong-team' ? `gym_${other}` : `gym_${gymId}`,
        custom: {
          gym_id: String(['gym-id-mismatch', 'only-in-stream-disagree'].includes(seed.shape) ? other : gymId),
          name: `Room ${index + 1}`,
        },
      },
    };
    ctx.store.getOrCreateChannel(request);
    for (let k = 0; k < seed.messages; k++) {
      ctx.at(created + (k + 1) * 60_000);
      const sender = channelMembers.length > 0 ? streamUser(channelMembers[k % channelMembers.length]!) : 'admin';
      ctx.store.sendMessage('messaging', channelId, {
        id: `seed-${index + 1}-${k + 1}`,
        text: `message ${k + 1} of room ${index + 1}`,
        type: 'regular',
        userId: sender,
        custom: {},
      });
    }
  }
  return seeded;
}
