/**
 * The world of one case: gyms, users with memberships in one or more gyms (each has a Stream id in
 * every gym, gym_{g}_user_{u}, and the legacy user_{u}), seeded rooms of the three kinds in the
 * shapes the input names, spare events, and the Stream fake on the case's clock. Seeded channels
 * and messages are stamped in the hours before the case starts, one channel per hour, so the
 * audit's pages have distinct times to order by. The ledger records from the first channel on;
 * the webhook outbox opens only once the world is built (the seeded history is not news).
 * Postgres gets the world in two round trips: the rooms' ids, then every row (insert-chat-rows.ts).
 */
import { StreamFake, streamHandlers } from 'syncsim/fakes/stream';
import type { WorldContext } from 'syncsim';
import type { ChatInput } from './chat-input.ts';
import { API_KEY, API_SECRET, STREAM_URL, type ChatWorld } from './chat-world.ts';
import { insertChatRows, type ChatRows } from './insert-chat-rows.ts';
import { seedRoom } from './seed-room.ts';
import { StreamLedger } from './stream-ledger.ts';
import { WebhookOutbox } from './webhook-outbox.ts';

/** `count` ids from chat_rooms' sequence, in the order drawn (one round trip). */
async function drawRoomIds(db: WorldContext<ChatInput>['db'], count: number): Promise<number[]> {
  if (count === 0) return [];
  const { rows } = await db.query<{ id: string }>(
    `SELECT nextval(pg_get_serial_sequence('chat_rooms', 'id'))::text AS id FROM generate_series(1, $1) AS g ORDER BY g`,
    [count],
  );
  return rows.map((row) => Number(row.id));
}

export async function buildChatWorld(ctx: WorldContext<ChatInput>): Promise<ChatWorld> {
  const { db, input, clock } = ctx;
  const startMs = clock.now();
  let seedingAt: number | undefined = startMs;
  const fake = new StreamFake({ apiKey: API_KEY, apiSecret: API_SECRET, now: () => seedingAt ?? clock.now() });
  ctx.http.use(...streamHandlers(fake, STREAM_URL));
  const ledger = new StreamLedger(fake.store);
  const outbox = new WebhookOutbox(fake);

  const gymIds = Array.from({ length: input.gyms }, (_, i) => i + 1);
  const users = input.users.map((_, i) => i + 1);
  const usersOf = new Map<number, number[]>(gymIds.map((g) => [g, []]));
  input.users.forEach((gyms, i) => {
    for (const g of new Set(gyms.map((gym) => gymIds[gym % gymIds.length]!))) usersOf.get(g)!.push(i + 1);
  });
  // Every gym has someone in it: a room needs members and a creator.
  for (const [g, members] of usersOf) if (members.length === 0) members.push(users[(g - 1) % users.length]!);

  fake.store.upsertUsers(
    ['admin', ...users.flatMap((u) => [`user_${u}`, ...gymIds.map((g) => `gym_${g}_user_${u}`)])].map((id) => ({
      id,
      custom: {},
    })),
  );

  const events: Array<{ id: number; gymId: number }> = [];
  const seededRooms = new Set<number>();
  const rows: ChatRows = {
    gyms: gymIds,
    users,
    memberships: [...usersOf].flatMap(([gymId, members]) => members.map((userId) => ({ gymId, userId }))),
    events: [],
    rooms: [],
    members: [],
  };
  // Every seeded room draws a chat_rooms id, in input order, whether it gets a row or not.
  const roomIds = await drawRoomIds(db, input.rooms.length);
  const seedCtx = {
    rows,
    store: fake.store,
    gymIds,
    usersOf,
    allUsers: users,
    used: new Set<string>(),
    at: (ms: number) => (seedingAt = ms),
  };
  for (const [index, seed] of input.rooms.entries()) {
    const seeded = seedRoom(seedCtx, seed, index, startMs, roomIds[index]!);
    if (seeded.roomId !== undefined) seededRooms.add(seeded.roomId);
    if (seeded.event) events.push(seeded.event);
  }
  for (const [j, gym] of input.spareEvents.entries()) {
    const event = { id: 200 + j, gymId: gymIds[gym % gymIds.length]! };
    rows.events.push({
      ...event,
      title: `Open day ${j + 1}`,
      startsAt: new Date(startMs + 2 * 86_400_000).toISOString(),
    });
    events.push(event);
  }
  await insertChatRows(db, rows);
  seedingAt = undefined;
  ledger.caseFrom = ledger.seq;
  outbox.open();
  return {
    fake,
    clock,
    sessionDir: ctx.sessionDir,
    gymIds,
    usersOf,
    events,
    seededRooms,
    ledger,
    outbox,
    audits: [],
    edits: { members: new Set(), gym: new Set(), names: new Set() },
    made: [],
    heal: { rounds: [] },
  };
}
