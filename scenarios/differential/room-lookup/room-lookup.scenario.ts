/**
 * room-lookup (incident D, scenario b): an actor finds a room's channel and row by id, as the
 * gym app does, or by a full listing of every Stream channel, as the rewrite did where a key was
 * at hand. Both answer the same, so only the built-in no-remote-full-scan tells them apart: the
 * scenario declares that a keyed lookup suffices for the `lookup` actors, and a sequential scan
 * over a table of 5 rows or more during their statements.
 */
import * as fc from 'fast-check';
import { defineInvariant, defineScenario } from 'syncsim';
import { StreamFake, streamHandlers } from 'syncsim/fakes/stream';
import {
  API_KEY,
  API_SECRET,
  STREAM_URL,
  lookupActor,
  lookupById,
  lookupByScanningChannels,
  lookupByUnindexedName,
  type RoomLookup,
} from './room-lookups.ts';

export interface RoomLookupInput {
  /** Rooms of the gym, each with its channel: enough for a listing of several pages. */
  rooms: number;
  /** Which rooms the lookups ask for (taken modulo rooms). */
  lookups: number[];
}

interface RoomLookupWorld {
  /** Per lookup actor, the name its room has. */
  expected: Map<string, string>;
  channelIds: string[];
}

const channelId = (room: number) => `room_general_1_${room}`;
const roomName = (room: number) => `General ${room}`;

const lookupFindsRoom = defineInvariant<RoomLookupWorld>({
  name: 'lookup-finds-room',
  kind: 'liveness',
  description: 'every lookup that finished answered its room',
  check({ world, history }) {
    return history
      .filter((e) => e.system === 'actor' && e.type === 'ok' && world.expected.has(e.actor))
      .filter((e) => e.result !== world.expected.get(e.actor))
      .map((e) => ({
        invariant: 'lookup-finds-room',
        message: `${e.actor} answered ${JSON.stringify(e.result)}, expected ${world.expected.get(e.actor)}`,
        details: { actor: e.actor, channelId: world.channelIds[Number(e.actor.split('-')[1]) - 1] },
      }));
  },
});

const lookups =
  (lookup: RoomLookup) =>
  ({ world }: { world: RoomLookupWorld }) =>
    world.channelIds.map((id, i) => lookupActor(`lookup-${i + 1}`, lookup, id));

export const roomLookupScenario = defineScenario<RoomLookupInput, RoomLookupWorld>({
  id: 'room-lookup',
  kind: 'migration',
  title: "A room's channel by id or by listing every channel: the same answer, one a full scan",
  source: 'incidents.md section D',
  input: fc.record({
    rooms: fc.integer({ min: 5, max: 25 }),
    lookups: fc.array(fc.nat(30), { minLength: 1, maxLength: 2 }),
  }),
  startTime: '2025-11-21T09:00:00.000Z',
  async world({ db, input, clock, http }) {
    const fake = new StreamFake({ apiKey: API_KEY, apiSecret: API_SECRET, now: () => clock.now() });
    http.use(...streamHandlers(fake, STREAM_URL));
    fake.store.upsertUsers([{ id: 'admin', teams: ['gym_1'], custom: {} }]);
    await db.query(`INSERT INTO gyms (id, name) VALUES (1, 'Gym 1')`);
    for (let room = 1; room <= input.rooms; room++) {
      fake.store.getOrCreateChannel({
        type: 'messaging',
        id: channelId(room),
        distinct: false,
        data: { createdBy: 'admin', team: 'gym_1', members: [], custom: { name: roomName(room) } },
      });
      await db.query(
        `INSERT INTO chat_rooms (id, gym_id, stream_channel_id, name, kind) VALUES ($1, 1, $2, $3, 'group')`,
        [room, channelId(room), roomName(room)],
      );
    }
    const rooms = input.lookups.map((n) => (n % input.rooms) + 1);
    return {
      channelIds: rooms.map(channelId),
      expected: new Map(rooms.map((room, i) => [`lookup-${i + 1}`, roomName(room)])),
    };
  },
  invariants: [lookupFindsRoom],
  scans: { remote: { actors: ['lookup'] }, pg: { minRows: 5, actors: ['lookup'] } },
  variants: {
    'by-id': {
      description: 'QueryChannels on the cid, the row by its unique stream_channel_id',
      expect: 'holds',
      actors: lookups(lookupById),
    },
    'scan-all-channels': {
      description: 'the rewrite: every channel of the app, page by page, to find one',
      expect: 'breaks',
      breaks: ['no-remote-full-scan'],
      runs: 5,
      actors: lookups(lookupByScanningChannels),
    },
    'planted-unindexed-room-name': {
      description: 'the channel by key, its row by name (no index): a sequential scan of chat_rooms',
      expect: 'breaks',
      breaks: ['no-remote-full-scan'],
      runs: 5,
      actors: lookups(lookupByUnindexedName),
    },
  },
  defaultVariant: 'by-id',
  runs: 30,
});
