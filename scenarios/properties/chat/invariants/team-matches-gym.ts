/**
 * team-matches-gym (liveness, after heal): every room's channel carries its room's gym, as team
 * gym_{g} and as custom gym_id "g" (incident A: a channel in team gym_1 for a room of gym 5 is
 * seen from the wrong gym and its webhooks find no room). Seeded channels in the wrong team or
 * with the wrong gym_id must have been fixed in place by the heal phase's repairs.
 */
import { defineInvariant } from 'syncsim';
import type { ChatWorld } from '../chat-world.ts';
import { channelGymId, readWorldFacts } from './world-facts.ts';

export const teamMatchesGym = defineInvariant<ChatWorld>({
  name: 'team-matches-gym',
  kind: 'liveness',
  description: "after heal, every room's channel has team gym_{g} and gym_id g of the room's gym",
  async check({ db, world }) {
    const { facts } = await readWorldFacts(db, world);
    return facts
      .filter(
        (fact) =>
          fact.room &&
          fact.channel &&
          (fact.channel.team !== `gym_${fact.room.gymId}` || channelGymId(fact.channel) !== String(fact.room.gymId)),
      )
      .map((fact) => ({
        invariant: 'team-matches-gym',
        message: `room ${fact.roomId} of gym ${fact.room!.gymId}: channel ${fact.channelId} has team ${fact.channel!.team ?? '(none)'}, gym_id ${channelGymId(fact.channel!) ?? '(none)'}`,
        details: { roomId: fact.roomId, channelId: fact.channelId, team: fact.channel!.team, gymId: fact.room!.gymId },
      }));
  },
});
