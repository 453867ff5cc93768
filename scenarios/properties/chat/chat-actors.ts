/**
 * The chaos actors of properties-chat, parameterised by the implementation under test: users
 * opening rooms (createGymRoom) and sending messages, a gym admin deleting an event (its room
 * goes with it, its channel stays behind in Stream: how incident A's orphans were made), and the
 * operator's audits and repairs, some scoped to one gym. Every I/O goes through the actor's env;
 * a failed step is logged by the history and the actor carries on, as a request handler or a cron
 * job would (the next step, or the heal phase, is the retry).
 */
import type { Actor, ActorEnv } from 'syncsim';
import type { ChatInput } from './chat-input.ts';
import type { ChatImplementation } from './chat-implementation.ts';
import { EVENT_SUFFIX, STREAM_URL, streamClientFor, type ChatWorld } from './chat-world.ts';
import { sleepInSeconds } from './sleep-in-seconds.ts';

/** Swallow a step's failure: the history already recorded it. */
export async function attempt(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch {
    // A faulted or refused step: the actor moves on.
  }
}

/** `waits` scheduler picks before the first step, so steps land anywhere in the race. */
export async function pause(env: ActorEnv, waits: number): Promise<void> {
  for (let wait = 0; wait <= waits; wait++) await env.clock.sleep(1);
}

export function creatorActor(
  name: string,
  impl: ChatImplementation,
  world: ChatWorld,
  step: ChatInput['creators'][number],
): Actor {
  return {
    name,
    async run(env) {
      await pause(env, step.waits);
      const event =
        step.event === null || world.events.length === 0 ? undefined : world.events[step.event % world.events.length];
      const gymId = event ? event.gymId : world.gymIds[step.gym % world.gymIds.length]!;
      // An event's chat is for everyone in the gym, whoever opens it: two openings ask the same.
      const members = world.usersOf.get(gymId) ?? [];
      await attempt(async () => {
        const outcome = await impl.createGymRoom(
          { db: env.db, stream: streamClientFor(env) },
          {
            gymId,
            name: event ? `Class ${event.id} chat` : `${name} room`,
            createdBy: members[step.by % members.length]!,
            members,
            ...(event ? { event: { eventId: event.id, suffix: EVENT_SUFFIX } } : {}),
          },
        );
        // What the user was told: made-room-has-channel holds the module to it.
        if (outcome.kind === 'created')
          world.made.push({
            actor: name,
            roomId: outcome.roomId,
            channelId: outcome.channelId,
            gymId,
            eventId: event ? event.id : null,
          });
      });
    },
  };
}

/**
 * A user posting from their chat client: to a channel Stream lists them in (any of their ids),
 * under the id they have there. The app's room is looked up first, committed or not: a message
 * sent after its room existed must reach every member's unread count (webhook-exactly-once).
 */
export function senderActor(name: string, world: ChatWorld, user: number, gapsMs: readonly number[]): Actor {
  const mine = new RegExp(`^(?:gym_\\d+_)?user_${user}$`);
  return {
    name,
    async run(env) {
      const stream = streamClientFor(env);
      for (const [i, gap] of gapsMs.entries()) {
        await sleepInSeconds(env, gap);
        const channels = [...world.fake.store.channels.values()].filter(
          (channel) => channel.deletedAt === undefined && [...channel.members.keys()].some((id) => mine.test(id)),
        );
        if (channels.length === 0) continue;
        const channel = channels[env.rng.int(0, channels.length - 1)]!;
        const as = [...channel.members.keys()].find((id) => mine.test(id))!;
        const id = `${name}-${i + 1}`;
        await attempt(async () => {
          const room = await env.db.query('SELECT 1 FROM chat_rooms WHERE stream_channel_id = $1', [channel.id]);
          if ((room.rowCount ?? 0) > 0) world.outbox.sentToExistingRoom.add(id);
          await stream.post(`${STREAM_URL}/channels/${channel.type}/${channel.id}/message`, {
            message: { id, text: `${name} says ${i + 1}`, user_id: as },
          });
        });
      }
    },
  };
}

export function adminActor(name: string, world: ChatWorld, step: ChatInput['admins'][number]): Actor {
  return {
    name,
    async run(env) {
      await pause(env, step.waits);
      if (world.events.length === 0) return;
      const event = world.events[step.event % world.events.length]!;
      await attempt(() => env.db.query('DELETE FROM events WHERE id = $1', [event.id]));
    },
  };
}

/**
 * The operator's audit (read-only) or repair --apply, for all gyms or one (the actor's name says
 * which). A run that failed (the audit threw, or an action failed: exit 1) is run again, as the
 * command's help tells the operator to, up to three runs in all.
 */
export function jobActor(
  name: string,
  impl: ChatImplementation,
  world: ChatWorld,
  job: { waits: number; gymIds: readonly number[] | undefined; apply: boolean; pageSize: number },
): Actor {
  return {
    name,
    async run(env) {
      await pause(env, job.waits);
      const deps = {
        db: env.db,
        stream: streamClientFor(env),
        clock: env.clock,
        exportDir: env.fs,
        audit: impl.audit,
        apply: impl.apply,
      };
      for (let run = 0; run < 3; run++) {
        const from = world.ledger.seq;
        try {
          const outcomes = await impl.repair(deps, {
            gymIds: job.gymIds,
            pageSize: job.pageSize,
            apply: job.apply,
            onAudit: (report) =>
              world.audits.push({ actor: name, gymIds: job.gymIds, from, to: world.ledger.seq, report }),
          });
          if (!outcomes.some((outcome) => outcome.result === 'failed')) return;
        } catch {
          // The command failed: the operator runs it again.
        }
      }
    },
  };
}
