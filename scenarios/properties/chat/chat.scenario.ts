/**
 * properties-chat: the gym app's Stream Chat <-> Postgres chat domain (src/chat) in random small
 * worlds - gyms, users with memberships in several gyms, rooms of the three kinds with messages,
 * seeded with incident A's faults (a channel in the wrong team, a gym_id that disagrees, legacy
 * member ids, members that differ, channels only in Stream, rooms whose channel is gone, event
 * channels whose event is gone) - while users open rooms and send messages, an admin deletes an
 * event, moderators edit channels by hand in Stream's dashboard (move one to another gym's team or
 * gym_id, add or remove a member, rename it) and gym admins rename rooms in the app, the operator
 * audits and repairs (all gyms or one), and Stream delivers webhooks with retries, duplicates and
 * out of order; under swarm faults on Stream (5xx, 429, latency, resets, timeouts,
 * applied-but-response-lost; a revoked key's 401, a firewall's 403 page, a proxy's 200 HTML page,
 * a read's body cut short), on Postgres (lost connection, 40001, 40P01, statement timeout), on
 * the export directory and crashes. Heal: faults off, the pending webhooks are delivered,
 * `repair stream --apply` runs twice and a last audit reads the world.
 *
 * Invariants look at the end state (every mirrored field: channel id, gym, members, kind, event,
 * name), over what happened (channel-born-in-gym: the ledger's creations; tenant-isolation and
 * webhook-exactly-once: the history) and during chaos (safety ones, made-room-has-channel among
 * them, are also checked before the heal); no-leaked-work is the runner's.
 *
 * Variants: `after` (src/chat as it is) holds; each planted bug must be caught by the invariant
 * its file names.
 */
import {
  CRASH_FAULTS,
  FS_FAULTS,
  HTTP_ANSWER_FAULTS,
  HTTP_FAULTS,
  PG_FAULTS,
  defineScenario,
  swarmFaultPlan,
  type Actor,
  type Variant,
} from 'syncsim';
import { buildChatWorld } from './build-chat-world.ts';
import { adminActor, creatorActor, jobActor, senderActor } from './chat-actors.ts';
import { editorActor } from './editor-actor.ts';
import { srcChat, type ChatImplementation } from './chat-implementation.ts';
import { chatInput, type ChatInput } from './chat-input.ts';
import type { ChatWorld } from './chat-world.ts';
import { healActor } from './heal-actor.ts';
import {
  auditMatchesTruth,
  channelBornInGym,
  channelRoomSync,
  madeRoomHasChannel,
  noMessageLoss,
  repairIdempotent,
  roomMirrorsChannel,
  teamMatchesGym,
  tenantIsolation,
  webhookExactlyOnce,
} from './invariants/index.ts';
import { channelOnlyCreateRoom } from './planted/channel-only-create-room.ts';
import { directAsGroupRepair } from './planted/direct-as-group-repair.ts';
import { roomNamedByIdRepair } from './planted/room-named-by-id-repair.ts';
import { tagAfterCreateRoom } from './planted/tag-after-create-room.ts';
import { unawaitedWelcomeRoom } from './planted/unawaited-welcome-room.ts';
import { deleteRecreateRepair } from './planted/delete-recreate-repair.ts';
import { htmlAsEmptyListingAudit } from './planted/html-as-empty-listing.ts';
import { markAfterCommitWebhook } from './planted/mark-after-commit-webhook.ts';
import { offsetPagedAudit } from './planted/offset-paged-audit.ts';
import { rowFirstCreateGymRoom } from './planted/row-first-create-gym-room.ts';
import { unscopedRepairJob } from './planted/unscoped-repair-job.ts';
import { timeoutRetrier, webhookWorker } from './webhook-actor.ts';

/**
 * A planted bug is searched for until it is found (a run stops at its first failure), so this
 * budget costs nothing when it is found early and makes a miss vanishingly rare (bench/ prints
 * how early each one is found).
 */
const PLANTED_RUNS = 1000;

/** A planted variant: src/chat with one collaborator swapped, and the one invariant that must catch it. */
function planted(description: string, swap: Partial<ChatImplementation>, invariant: string) {
  return variant(
    `PLANTED: ${description}`,
    { ...srcChat, ...swap },
    {
      expect: 'breaks',
      breaks: [invariant],
      runs: PLANTED_RUNS,
    },
  );
}

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
      input.editors.forEach((step, i) => actors.push(editorActor(`${step.edit}-${i + 1}`, world, step)));
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
  // Every answer fault but http-404-no-route, WordPress' `rest_no_route`: Stream has no plugin to
  // deactivate, so its gate never draws it (fakes/stream/stream-answer-faults.ts).
  faults: swarmFaultPlan(
    [
      ...HTTP_FAULTS,
      ...HTTP_ANSWER_FAULTS.filter((kind) => kind !== 'http-404-no-route'),
      ...PG_FAULTS,
      ...FS_FAULTS,
      ...CRASH_FAULTS,
    ],
    { maxRate: 0.15 },
  ),
  startTime: '2025-10-26T20:00:00.000Z',
  world: buildChatWorld,
  invariants: [
    noMessageLoss,
    webhookExactlyOnce,
    tenantIsolation,
    channelBornInGym,
    madeRoomHasChannel,
    channelRoomSync,
    teamMatchesGym,
    roomMirrorsChannel,
    repairIdempotent,
    auditMatchesTruth,
  ],
  variants: {
    after: variant('src/chat as it is', srcChat, { expect: 'holds' }),
    'planted-offset-paged-audit': planted(
      "the audit pages Stream's channels by offset in its default order",
      { audit: offsetPagedAudit },
      'audit-matches-truth',
    ),
    'planted-delete-recreate': planted(
      'a wrong team is fixed by deleting and recreating the channel',
      { apply: deleteRecreateRepair },
      'no-message-loss',
    ),
    'planted-mark-after-commit': planted(
      'the webhook id is marked processed after the effect commits, outside its transaction',
      { handleStreamWebhook: markAfterCommitWebhook },
      'webhook-exactly-once',
    ),
    'planted-unscoped-repair': planted(
      'repair --gym-id parses the gym and repairs every gym',
      { repair: unscopedRepairJob },
      'tenant-isolation',
    ),
    'planted-row-first-room': planted(
      "createGymRoom writes the room's row before the channel, with nothing to converge",
      { createGymRoom: rowFirstCreateGymRoom },
      'channel-room-sync',
    ),
    'planted-html-as-empty-listing': planted(
      "the audit reads a 2xx that is not Stream's JSON (a proxy's HTML page, a cut body) as an empty page",
      { audit: htmlAsEmptyListingAudit },
      'audit-matches-truth',
    ),
    'planted-direct-as-group': planted(
      'a direct chat synced from Stream is stored as a group room',
      { apply: directAsGroupRepair },
      'room-mirrors-channel',
    ),
    'planted-room-named-by-id': planted(
      "a room synced from Stream is named after its channel id, not the channel's name",
      { apply: roomNamedByIdRepair },
      'room-mirrors-channel',
    ),
    'planted-tag-after-create': planted(
      'createGymRoom creates the channel bare and sets its team and gym_id in a second request',
      { createGymRoom: tagAfterCreateRoom },
      'channel-born-in-gym',
    ),
    'planted-channel-only-room': planted(
      'createGymRoom answers created with the channel made and the room left to the webhook or repair',
      { createGymRoom: channelOnlyCreateRoom },
      'made-room-has-channel',
    ),
    'planted-unawaited-welcome': planted(
      'createGymRoom posts a welcome message without awaiting it, its failure swallowed',
      { createGymRoom: unawaitedWelcomeRoom },
      'no-leaked-work',
    ),
  },
  defaultVariant: 'after',
  runs: 100,
});
