/**
 * What one case of properties-chat is made of, as generated data: the gyms and their users
 * (memberships across gyms), the rooms of the three kinds seeded in one of the shapes incident A
 * found (or synced), and what the actors will do - rooms created, messages sent, events deleted,
 * rooms and channels edited by hand, audits and repairs (some scoped to one gym), Stream's
 * webhook workers. Everything is a small
 * number: a case is a handful of gyms, rooms and messages.
 */
import { fc } from 'syncsim';

/** How a seeded room starts: synced, or one of the faults the audit must find. */
export const ROOM_SHAPES = [
  'synced',
  'wrong-team',
  'gym-id-mismatch',
  'legacy-members',
  'member-mismatch',
  'only-in-stream',
  'only-in-stream-disagree',
  'only-in-db',
  'orphan-event',
] as const;
export type RoomShape = (typeof ROOM_SHAPES)[number];

export const ROOM_KINDS = ['group', 'direct', 'event'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

export interface RoomSeed {
  /** Index into the gyms (modulo their number). */
  gym: number;
  kind: RoomKind;
  shape: RoomShape;
  /** Which of the gym's users are members (bits of the number, at least one). */
  members: number;
  messages: number;
}

/** What people do by hand to a room or its channel (editor-actor.ts says what each one is). */
export const HAND_EDITS = [
  'move-team',
  'set-gym-id',
  'remove-member',
  'add-member',
  'rename-channel',
  'rename-room',
] as const;
export type HandEdit = (typeof HAND_EDITS)[number];

export interface ChatInput {
  gyms: number;
  /** Per user, the gyms (indexes) they belong to: several for some. */
  users: number[][];
  rooms: RoomSeed[];
  /** Events with no room yet (indexes of gyms): what creators open a chat for and admins delete. */
  spareEvents: number[];
  /** createGymRoom calls: a group room, or the chat of an event (index into all events). */
  creators: Array<{ waits: number; gym: number; event: number | null; by: number }>;
  /** Per sender: the user, and the pauses before each message (the clock moves, messages get distinct times). */
  senders: Array<{ user: number; gapsMs: number[] }>;
  admins: Array<{ waits: number; event: number }>;
  /** Moderators in Stream's dashboard and gym admins in the app: which edit, to which room (index), with whom. */
  editors: Array<{ waits: number; edit: HandEdit; room: number; who: number }>;
  /** Audits (read-only) and repairs (--apply), each for all gyms or scoped to one. */
  jobs: Array<{ waits: number; scope: number | null; apply: boolean }>;
  /** Stream's webhook workers: how many, the pauses between their rounds, how often a 2xx goes unseen. */
  webhooks: { workers: number; roundGapsMs: number[]; duplicatePercent: number };
  /** Channels per audit page: small, so a handful of channels already spans several pages. */
  pageSize: number;
}

const waits = fc.integer({ min: 0, max: 40 });
const gapMs = fc.integer({ min: 1, max: 20 }).map((seconds) => seconds * 1000);
/** A chat is busier than the operator: up to five messages per sender, a few seconds apart. */
const messageGapMs = fc.integer({ min: 1, max: 10 }).map((seconds) => seconds * 1000);

export const chatInput: fc.Arbitrary<ChatInput> = fc.record({
  gyms: fc.integer({ min: 2, max: 3 }),
  users: fc.array(fc.uniqueArray(fc.nat(2), { minLength: 1, maxLength: 3 }), { minLength: 3, maxLength: 5 }),
  rooms: fc.array(
    fc.record({
      gym: fc.nat(2),
      kind: fc.constantFrom(...ROOM_KINDS),
      shape: fc.constantFrom(...ROOM_SHAPES),
      members: fc.integer({ min: 1, max: 31 }),
      messages: fc.nat(4),
    }),
    { minLength: 3, maxLength: 8 },
  ),
  spareEvents: fc.array(fc.nat(2), { maxLength: 2 }),
  creators: fc.array(
    fc.record({ waits, gym: fc.nat(2), event: fc.option(fc.nat(9), { nil: null, freq: 2 }), by: fc.nat(4) }),
    {
      maxLength: 6,
    },
  ),
  senders: fc.array(fc.record({ user: fc.nat(4), gapsMs: fc.array(messageGapMs, { minLength: 1, maxLength: 5 }) }), {
    minLength: 1,
    maxLength: 3,
  }),
  admins: fc.array(fc.record({ waits, event: fc.nat(9) }), { maxLength: 1 }),
  editors: fc.array(fc.record({ waits, edit: fc.constantFrom(...HAND_EDITS), room: fc.nat(9), who: fc.nat(4) }), {
    maxLength: 2,
  }),
  // All gyms is the command's default (--gym-id is the exception): half the jobs run unscoped.
  jobs: fc.array(fc.record({ waits, scope: fc.option(fc.nat(2), { nil: null, freq: 2 }), apply: fc.boolean() }), {
    minLength: 1,
    maxLength: 3,
  }),
  webhooks: fc.record({
    workers: fc.integer({ min: 1, max: 2 }),
    roundGapsMs: fc.array(gapMs, { minLength: 1, maxLength: 3 }),
    duplicatePercent: fc.integer({ min: 0, max: 40 }),
  }),
  pageSize: fc.integer({ min: 2, max: 3 }),
});
