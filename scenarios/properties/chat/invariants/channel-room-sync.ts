/**
 * channel-room-sync (liveness, after heal): every channel and room the repair can put right has
 * been put right, and nothing the app made during the case is out of step. After the heal
 * phase's repairs there is no orphan event channel left (exported, then deleted), no channel only
 * in Stream whose team and gym_id agree on an existing gym (and, for an event channel, whose event
 * exists in that gym) without its room, and no room made during the case without its channel or
 * disagreeing with it on members. What only a person can decide (a seeded room whose channel is
 * gone, seeded member differences, legacy ids, a team and gym_id that disagree, members a
 * moderator changed by hand) may remain.
 */
import { defineInvariant, type Violation } from 'syncsim';
import type { ChatWorld } from '../chat-world.ts';
import { channelGymId, eventOfChannel, readWorldFacts, teamGym } from './world-facts.ts';

export const channelRoomSync = defineInvariant<ChatWorld>({
  name: 'channel-room-sync',
  kind: 'liveness',
  description:
    'after heal, every repairable channel/room is repaired and rooms made during the case match their channels',
  async check({ db, world }) {
    const { facts, events, gyms } = await readWorldFacts(db, world);
    const violations: Violation[] = [];
    const report = (message: string, details: Record<string, unknown>) =>
      violations.push({ invariant: 'channel-room-sync', message, details });
    for (const fact of facts) {
      const made = fact.roomId !== null && !world.seededRooms.has(fact.roomId);
      if (fact.kind === 'orphan-event-channel')
        report(`orphan event channel ${fact.channelId} is still in Stream after heal`, { ...fact, channel: undefined });
      if (fact.kind === 'only-in-stream') {
        const team = teamGym(fact.channel!.team);
        const event = eventOfChannel(fact.channelId);
        const agree = team !== undefined && channelGymId(fact.channel!) === String(team) && gyms.has(team);
        if (agree && (event === undefined || events.get(event) === team))
          report(`channel ${fact.channelId} of gym ${team} has no room after heal, though its team and gym_id agree`, {
            channelId: fact.channelId,
            gymId: team,
          });
      }
      if (made && fact.kind === 'only-in-db')
        report(`room ${fact.roomId} (gym ${fact.gymId}), made during the case, has no channel ${fact.channelId}`, {
          roomId: fact.roomId,
          channelId: fact.channelId,
        });
      // A moderator's member change by hand is the person's decision, reported, never undone.
      const handEdited = world.edits.members.has(fact.channelId);
      if (made && !handEdited && (fact.kind === 'member-mismatch' || fact.kind === 'legacy-member-ids'))
        report(
          `room ${fact.roomId} (gym ${fact.gymId}), made during the case, is ${fact.kind} with ${fact.channelId}`,
          {
            roomId: fact.roomId,
            channelId: fact.channelId,
            roomMembers: fact.room!.members,
            channelMembers: [...fact.channel!.members.keys()],
          },
        );
    }
    return violations;
  },
});
