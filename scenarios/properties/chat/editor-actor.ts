/**
 * People editing by hand, at a random point of the case, what src/chat mirrors: a moderator in
 * Stream's dashboard moves a room's channel to another gym's team or gym_id (how incident A's
 * room_General_4 came to be), adds a user of the room's gym to the channel or removes a member,
 * or renames the channel; a gym admin renames the room in the app. The room is picked among the
 * rows that exist when the editor acts; Stream is reached through the actor's gate (faults and
 * all), the channel's members read from the fake's store as the dashboard shows them. Each edit
 * is recorded in world.edits BEFORE it is sent (a lost response still changed Stream).
 *
 * What src/chat must then do, and the invariants say: a team or gym_id moved by hand is a fault
 * the audit reports and the repair puts back in place (team-matches-gym after heal); member
 * changes are reported for a person to decide (audit-matches-truth; channel-room-sync and the
 * creation guard's promises exempt those channels); names are display text, matched by nobody
 * (the audit matches by channel id): a rename is no fault and nothing undoes it
 * (room-mirrors-channel exempts renamed pairs).
 */
import type { Actor } from 'syncsim';
import type { ChatInput } from './chat-input.ts';
import { STREAM_URL, streamClientFor, type ChatWorld } from './chat-world.ts';
import { attempt, pause } from './chat-actors.ts';

export function editorActor(name: string, world: ChatWorld, step: ChatInput['editors'][number]): Actor {
  return {
    name,
    async run(env) {
      await pause(env, step.waits);
      let rooms: Array<{ id: string; gym_id: string; stream_channel_id: string }>;
      try {
        rooms = (
          await env.db.query<{ id: string; gym_id: string; stream_channel_id: string }>(
            'SELECT id::text, gym_id::text, stream_channel_id FROM chat_rooms ORDER BY id',
          )
        ).rows;
      } catch {
        return; // The page did not load: the person gives up.
      }
      if (rooms.length === 0) return;
      const room = rooms[step.room % rooms.length]!;
      const gymId = Number(room.gym_id);
      const channelId = room.stream_channel_id;
      const other = world.gymIds[(world.gymIds.indexOf(gymId) + 1) % world.gymIds.length]!;
      const path = `${STREAM_URL}/channels/messaging/${channelId}`;
      const stream = streamClientFor(env);
      const channel = world.fake.store.channels.get(`messaging:${channelId}`);
      const live = channel !== undefined && channel.deletedAt === undefined;
      switch (step.edit) {
        case 'move-team':
          if (!live) return;
          world.edits.gym.add(channelId);
          return attempt(() => stream.patch(path, { set: { team: `gym_${other}` } }));
        case 'set-gym-id':
          if (!live) return;
          world.edits.gym.add(channelId);
          return attempt(() => stream.patch(path, { set: { gym_id: String(other) } }));
        case 'remove-member': {
          const members = live ? [...channel.members.keys()] : [];
          if (members.length === 0) return;
          world.edits.members.add(channelId);
          return attempt(() => stream.post(path, { remove_members: [members[step.who % members.length]!] }));
        }
        case 'add-member': {
          const users = world.usersOf.get(gymId) ?? [];
          if (!live || users.length === 0) return;
          world.edits.members.add(channelId);
          const user = `gym_${gymId}_user_${users[step.who % users.length]!}`;
          return attempt(() => stream.post(path, { add_members: [user] }));
        }
        case 'rename-channel':
          if (!live) return;
          world.edits.names.add(channelId);
          return attempt(() => stream.patch(path, { set: { name: `${name}'s name for it` } }));
        case 'rename-room':
          world.edits.names.add(channelId);
          return attempt(() =>
            env.db.query('UPDATE chat_rooms SET name = $2 WHERE id = $1', [room.id, `${name}'s room`]),
          );
      }
    },
  };
}
