/**
 * properties-chat: the gym app's Stream Chat <-> Postgres chat domain (src/chat) in random small
 * worlds - gyms, users with memberships in several gyms, rooms of the three kinds with messages,
 * seeded with incident A's faults (a channel in the wrong team, a gym_id that disagrees, legacy
 * member ids, members that differ, channels only in Stream, rooms whose channel is gone, event
 * channels whose event is gone) - while users open rooms and send messages, an admin deletes an
 * event, the operator audits and repairs (all gyms or one), and Stream delivers webhooks with
 * retries, duplicates and out of order; under swarm faults on Stream (5xx, 429, latency, resets,
 * timeouts, applied-but-response-lost), on Postgres (lost connection, 40001, 40P01, statement
 * timeout), on the export directory and crashes. Heal: faults off, the pending webhooks are
 * delivered, `repair stream --apply` runs twice and a last audit reads the world.
 *
 * Variants: `after` (src/chat as it is) holds; each planted bug must be caught by the invariant
 * its file names.
 */
import {
  CRASH_FAULTS,
  FS_FAULTS,
  HTTP_FAULTS,
  PG_FAULTS,
  defineScenario,
  swarmFaultPlan,
  type Actor,
  type Variant,
} from 'syncsim';
import { buildChatWorld } from './build-chat-world.ts';
import { adminActor, creatorActor, jobActor, senderActor } from './chat-actors.ts';
import { srcChat, type ChatImplementation } from './chat-implementation.ts';
import { chatInput, type ChatInput } from './chat-input.ts';
import type { ChatWorld } from './chat-world.ts';
import { healActor } from './heal-actor.ts';
import {
  auditMatchesTruth,
  channelRoomSync,
  noMessageLoss,
  repairIdempotent,
  teamMatchesGym,
  tenantIsolation,
  webhookExactlyOnce,
} from './invariants/index.ts';
import { timeoutRetrier, webhookWorker } from './webhook-actor.ts';

function variant(
  description: string,
  impl: ChatImplementation,
  expect: Pick<Variant<ChatInput, ChatWorld>, 'expect' | 'breaks' | 'runs'>,
): Variant<ChatInput, ChatWorld> {
  return {
    description,
    ...expect,
    actors: ({ input, world }) => {
      const actors: Actor[] = [];
      input.creators.forEach((step, i) => actors.push(creatorActor(`creator-${i + 1}`, impl, world, step)));
      input.senders.forEach((sender, i) =>
        actors.push(senderActor(`sender-${i + 1}`, world, (sender.user % input.users.length) + 1, sender.gapsMs)),
      );
      input.admins.forEach((step, i) => actors.push(adminActor(`admin-${i + 1}`, world, step)));
      input.jobs.forEach((job, i) => {
        const gymIds = job.scope === null ? undefined : [world.gymIds[job.scope % world.gymIds.length]!];
        const name = `${job.apply ? 'repair' : 'audit'}-${gymIds ? `gym-${gymIds[0]}` : 'all'}-${i + 1}`;
        actors.push(jobActor(name, impl, world, { ...job, gymIds, pageSize: input.pageSize }));
      });
      for (let i = 0; i < input.webhooks.workers; i++)
        actors.push(webhookWorker(`stream-webhooks-${i + 1}`, impl, world, input.webhooks));
      if (input.webhooks.duplicatePercent > 0)
        actors.push(timeoutRetrier('stream-webhooks-retry', impl, world, input.webhooks));
      return actors;
    },
    heal: ({ world }) => [healActor(impl, world)],
  };
}

export const chatPropertyScenario = defineScenario<ChatInput, ChatWorld>({
  id: 'properties-chat',
  kind: 'property',
  title: 'Chat rooms and Stream channels: audit tells the truth, repairs converge in place, webhooks count once',
  source: 'incidents.md section A',
  input: chatInput,
  faults: swarmFaultPlan([...HTTP_FAULTS, ...PG_FAULTS, ...FS_FAULTS, ...CRASH_FAULTS], { maxRate: 0.15 }),
  startTime: '2025-10-26T20:00:00.000Z',
  world: buildChatWorld,
  invariants: [
    noMessageLoss,
    webhookExactlyOnce,
    tenantIsolation,
    channelRoomSync,
    teamMatchesGym,
    repairIdempotent,
    auditMatchesTruth,
  ],
  variants: {
    after: variant('src/chat as it is', srcChat, { expect: 'holds' }),
  },
  defaultVariant: 'after',
  runs: 100,
});
