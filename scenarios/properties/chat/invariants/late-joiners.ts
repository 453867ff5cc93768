/**
 * Who joined a room after it was made, read from the history: a room's first members are
 * written in the transaction that makes it (createGymRoom, a room from a channel), so its first
 * successful INSERT INTO chat_room_members names them (a seeded room's were written before the
 * case, ungated). Any user a later successful insert names, for a room that already had its
 * members, joined it then: messages delivered before that do not count for them, and the
 * history does not say which deliveries those were.
 */
import type { HistoryEvent } from 'syncsim';

/** `${roomId}:${userId}` of every member who may have joined after the room was made. */
export function lateJoiners(history: readonly HistoryEvent[], seededRooms: ReadonlySet<number>): Set<string> {
  const founded = new Set<number>(seededRooms);
  const joiners = new Set<string>();
  for (const event of history) {
    if (event.type !== 'ok' || event.system !== 'pg') continue;
    const args = history[event.op]?.args as { sql?: string; params?: unknown[] } | undefined;
    if (!args?.sql?.startsWith('INSERT INTO chat_room_members')) continue;
    const room = Number(args.params?.[0]);
    const users = Array.isArray(args.params?.[1]) ? (args.params[1] as unknown[]) : [args.params?.[1]];
    if (founded.has(room)) for (const user of users) joiners.add(`${room}:${Number(user)}`);
    founded.add(room);
  }
  return joiners;
}
