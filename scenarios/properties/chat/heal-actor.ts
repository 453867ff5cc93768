/**
 * The heal phase, faults off, one actor so that nothing races it: Stream delivers every webhook
 * still pending; the operator runs `repair stream --apply` over all gyms twice, the state of both
 * sides (channels, messages, rooms, members, exported files) taken before and after each apply
 * (repair-idempotent: the second changes nothing); then one last read-only audit, whose report
 * audit-matches-truth holds against the world as it is left.
 */
import type { Actor, ActorEnv } from 'syncsim';
import type { ChatImplementation } from './chat-implementation.ts';
import { streamClientFor, type ChatWorld, type HealRound } from './chat-world.ts';
import { drainWebhooks } from './webhook-actor.ts';

const HEAL_PAGE_SIZE = 3;

/** Both sides as text: every write (a partial update stamps updated_at) shows up as a difference. */
async function snapshot(env: ActorEnv, world: ChatWorld): Promise<string> {
  const rooms = await env.db.query(
    'SELECT id::text, gym_id::text, stream_channel_id, kind, event_id::text FROM chat_rooms ORDER BY id',
  );
  const members = await env.db.query('SELECT room_id::text, user_id::text FROM chat_room_members ORDER BY 1, 2');
  const files: Record<string, string> = {};
  for (const name of (await env.fs.readdir()).sort()) files[name] = await env.fs.readFile(name);
  const channels = world.fake.store.snapshot().channels.map((channel) => ({
    ...channel,
    members: channel.members.map((member) => member.userId),
    messages: channel.messages.map((message) => message.id),
  }));
  return JSON.stringify({ channels, rooms: rooms.rows, members: members.rows, files });
}

export function healActor(impl: ChatImplementation, world: ChatWorld): Actor {
  return {
    name: 'heal',
    async run(env) {
      await drainWebhooks(env, impl, world);
      const deps = {
        db: env.db,
        stream: streamClientFor(env),
        clock: env.clock,
        exportDir: env.fs,
        audit: impl.audit,
        apply: impl.apply,
      };
      for (let round = 0; round < 2; round++) {
        const entry: HealRound = { outcomes: [], before: await snapshot(env, world), after: '' };
        world.heal.rounds.push(entry);
        try {
          entry.outcomes = await impl.repair(deps, {
            gymIds: undefined,
            pageSize: HEAL_PAGE_SIZE,
            apply: true,
            onAudit: () => undefined,
          });
        } catch (error) {
          entry.error = error instanceof Error ? error.message : String(error);
        }
        entry.after = await snapshot(env, world);
      }
      world.heal.finalAudit = await impl.audit(
        { db: env.db, stream: deps.stream, clock: env.clock },
        { list: { pageSize: HEAL_PAGE_SIZE } },
      );
    },
  };
}
