/**
 * tenant-isolation (safety): one gym's chat never reaches into another's.
 * - A room made during the case lives in the gym its channel's team names, and every member of
 *   that channel is a user id of that gym (gym_{g}_user_{u}): the creation guard's promise (a
 *   team a moderator moved by hand is not the guard's doing: the repair puts it back).
 * - A repair scoped to one gym (`repair stream --gym-id g`, actors named repair-gym-{g}-...) sends
 *   Stream no change for a channel of another gym (a partial update writes gym g's team or
 *   gym_id only; a delete is of a channel of gym g) and creates no room in another gym. Read
 *   from the history: what the gate saw sent, whatever the repair reported.
 */
import { defineInvariant, type HistoryEvent, type Violation } from 'syncsim';
import type { ChatWorld } from '../chat-world.ts';
import { channelGymId, readWorldFacts, teamGym } from './world-facts.ts';

interface SentArgs {
  path?: string;
  body?: { set?: { team?: unknown; gym_id?: unknown } };
  sql?: string;
  params?: unknown[];
}

/** The gym a scoped repair's operation touched, when it touched one. */
function touchedGym(event: HistoryEvent, world: ChatWorld): number | undefined {
  const args = (event.args ?? {}) as SentArgs;
  if (event.system === 'pg')
    return args.sql?.startsWith('INSERT INTO chat_rooms') ? Number(args.params?.[0]) : undefined;
  if (event.system !== 'stream' || !args.path) return undefined;
  if (event.operation === 'PATCH /channels/{type}/{id}') {
    const set = args.body?.set ?? {};
    return typeof set.team === 'string' ? teamGym(set.team) : set.gym_id !== undefined ? Number(set.gym_id) : undefined;
  }
  if (event.operation === 'DELETE /channels/{type}/{id}') {
    const [, , type, id] = args.path.split('/');
    const channel = world.fake.store.channels.get(`${type}:${decodeURIComponent(id ?? '')}`);
    const gym = channel ? (channelGymId(channel) ?? '') : '';
    return channel ? (teamGym(channel.team) ?? (/^\d+$/.test(gym) ? Number(gym) : undefined)) : undefined;
  }
  return undefined;
}

export const tenantIsolation = defineInvariant<ChatWorld>({
  name: 'tenant-isolation',
  kind: 'safety',
  description: "rooms made during the case stay in their channel's gym; a scoped repair touches only its gym",
  async check({ db, world, history }) {
    const violations: Violation[] = [];
    const { facts } = await readWorldFacts(db, world);
    for (const fact of facts) {
      if (fact.roomId === null || world.seededRooms.has(fact.roomId) || !fact.channel) continue;
      const gym = fact.room!.gymId;
      const strangers = [...fact.channel.members.keys()].filter((id) => !id.startsWith(`gym_${gym}_user_`));
      // A moderator moving the channel by hand is not the guard's doing (the repair puts it back).
      const movedByHand = world.edits.gym.has(fact.channelId);
      if ((fact.channel.team !== `gym_${gym}` && !movedByHand) || strangers.length > 0)
        violations.push({
          invariant: 'tenant-isolation',
          message: `room ${fact.roomId} of gym ${gym} (made during the case) uses channel ${fact.channelId} of team ${fact.channel.team ?? '(none)'}${strangers.length > 0 ? ` with members of other gyms: ${strangers.join(', ')}` : ''}`,
          details: { roomId: fact.roomId, channelId: fact.channelId, team: fact.channel.team, strangers },
        });
    }
    for (const event of history) {
      const scope = /^repair-gym-(\d+)-/.exec(event.actor);
      if (event.type !== 'invoke' || !scope) continue;
      const touched = touchedGym(event, world);
      if (touched !== undefined && touched !== Number(scope[1]))
        violations.push({
          invariant: 'tenant-isolation',
          message: `${event.actor}, scoped to gym ${scope[1]}, sent ${event.operation} for gym ${touched}`,
          details: { actor: event.actor, operation: event.operation, args: event.args },
        });
    }
    return violations;
  },
});
