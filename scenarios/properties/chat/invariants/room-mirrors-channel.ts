/**
 * room-mirrors-channel (liveness, after heal): every field src/chat mirrors between a room and its
 * live channel agrees, read from Postgres and the fake's store without src/chat's mapping code.
 * The fields, and which invariant compares each:
 * - the channel id: rooms and channels are matched by it (world-facts.ts), so a room pointing at
 *   no channel is only-in-db (channel-room-sync, audit-matches-truth);
 * - the gym: team gym_{g} and custom gym_id "g" (team-matches-gym);
 * - the members, as user numbers (channel-room-sync for rooms made during the case; the audit's
 *   member-mismatch for the rest, audit-matches-truth);
 * - here: the kind and the event, which the channel id says (event_{e}_... is the chat of event e,
 *   direct_... a direct chat, anything else a group room), and the name: the room shows the
 *   channel's custom name (the channel id when it has none), unless a person renamed one side
 *   by hand (world.edits.names: names are display text and nothing syncs them back), or the
 *   room was there before its channel was made during the case (a seeded room whose channel
 *   was gone, opened again by createGymRoom: the new channel has the name asked for, and the
 *   audit and the repair do not look at names, so nothing reconciles the two - a known gap).
 */
import { defineInvariant, type Violation } from 'syncsim';
import type { ChatWorld } from '../chat-world.ts';
import { eventOfChannel, readWorldFacts } from './world-facts.ts';

export const roomMirrorsChannel = defineInvariant<ChatWorld>({
  name: 'room-mirrors-channel',
  kind: 'liveness',
  description: "after heal, every room's kind, event and name are its channel's",
  async check({ db, world }) {
    const { facts } = await readWorldFacts(db, world);
    const violations: Violation[] = [];
    const remade = new Set(
      world.ledger.births.filter((birth) => birth.seq > world.ledger.caseFrom).map((birth) => birth.channelId),
    );
    for (const { room, channel, channelId } of facts) {
      if (!room || !channel) continue;
      const event = eventOfChannel(channelId) ?? null;
      const kind = event !== null ? 'event' : channelId.startsWith('direct_') ? 'direct' : 'group';
      const custom = channel.custom.name;
      const name = typeof custom === 'string' ? custom : channelId;
      const wrong: Record<string, { room: unknown; channel: unknown }> = {};
      if (room.kind !== kind) wrong.kind = { room: room.kind, channel: kind };
      if (room.eventId !== event) wrong.event = { room: room.eventId, channel: event };
      const renamed = world.edits.names.has(channelId) || (world.seededRooms.has(room.id) && remade.has(channelId));
      if (room.name !== name && !renamed) wrong.name = { room: room.name, channel: name };
      if (Object.keys(wrong).length > 0)
        violations.push({
          invariant: 'room-mirrors-channel',
          message: `room ${room.id} (gym ${room.gymId}) differs from channel ${channelId} in ${Object.entries(wrong)
            .map(([field, v]) => `${field}: ${JSON.stringify(v.room)} vs ${JSON.stringify(v.channel)}`)
            .join(', ')}`,
          details: { roomId: room.id, channelId, ...wrong },
        });
    }
    return violations;
  },
});
