/**
 * legacy-ids-gym-4 (incidents.md section B): migrating gym 4's legacy Stream user ids
 * (`user_{u}` -> `gym_{g}_user_{u}`) on the report's world (legacy-ids-gym-4-world.ts). The
 * operator follows the runbook (dry-run gym 4, then run it) under Stream faults and crashes; in
 * the heal phase the operator runs it again, twice (re-runnable; the second must do nothing).
 *
 * Variants:
 *   before   the team's script: phase 2 creates a NEW channel with the new ids and repoints
 *            stream_channel_id, so every room's history stays behind in a channel no room
 *            uses: breaks no-message-loss (and leaves the old channels live: channel-room-sync);
 *   after    src/chat's migration (members of the existing channel swapped in one request,
 *            phase 2 only once phase 1 is read back): holds every invariant;
 *   planted-rooms-before-users        phase 2 before phase 1: members-exist-before-room;
 *   planted-dry-run-skips-existing-users  the dry-run omits users that exist without the team:
 *                                     dry-run-equals-apply;
 *   planted-remove-then-add           a room in two requests, legacy ids removed first: a fault
 *                                     between them drops people no re-run brings back:
 *                                     channel-room-sync.
 */
import * as fc from 'fast-check';
import { CRASH_FAULTS, defineScenario, HTTP_FAULTS, swarmFaultPlan } from 'syncsim';
import { domainInvariants, dryRunEqualsApply, migrationIdempotent } from './invariants/index.ts';
import { operatorActor, rerunActor, srcMigration, type Migration } from './legacy-ids-gym-4-actors.ts';
import { legacyIdsMigrationWorld } from './legacy-ids-gym-4-migration-world.ts';
import { buildLegacyIdsGym4, type LegacyIdsWorld } from './legacy-ids-gym-4-world.ts';
import { dryRunSkipsExistingUsers } from './planted/dry-run-skips-existing-users.ts';
import { removeThenAdd } from './planted/remove-then-add.ts';
import { roomsBeforeUsers } from './planted/rooms-before-users.ts';
import { teamMigrationScript } from './team-migration-script.ts';

export interface LegacyIdsInput {
  /** When the operator starts, in simulated ms. */
  operatorStartMs: number;
}

const teamScript: Migration = { apply: teamMigrationScript };

const variant = (migration: Migration) => ({
  actors: ({ input, world }: { input: LegacyIdsInput; world: LegacyIdsWorld }) => [
    operatorActor(world, migration, input.operatorStartMs),
  ],
  heal: ({ world }: { world: LegacyIdsWorld }) => [rerunActor(world, migration)],
});

export const legacyIdsGym4Scenario = defineScenario<LegacyIdsInput, LegacyIdsWorld>({
  id: 'legacy-ids-gym-4',
  kind: 'incident',
  title: "migrating gym 4's legacy Stream user ids to gym_4_user_{u} without losing history or touching gym 1",
  source: 'incidents.md section B',
  input: fc.record({ operatorStartMs: fc.integer({ min: 0, max: 2_000 }) }),
  // Stream refuses, times out or loses the answer, and the operator's process may die anywhere.
  faults: swarmFaultPlan([...HTTP_FAULTS, ...CRASH_FAULTS], { maxRate: 0.15, crashable: ['operator'] }),
  startTime: '2025-12-15T09:00:00.000Z',
  world: (ctx) => buildLegacyIdsGym4(ctx),
  invariants: [...domainInvariants, dryRunEqualsApply, migrationIdempotent],
  variants: {
    before: {
      description: "the team's script: a NEW channel per room with the new ids, stream_channel_id repointed",
      expect: 'breaks',
      breaks: ['no-message-loss'],
      ...variant(teamScript),
    },
    after: {
      description: "src/chat: the existing channel's members swapped in place, phase 2 after phase 1 is read back",
      expect: 'holds',
      ...variant(srcMigration),
    },
    'planted-rooms-before-users': {
      description: 'planted: rooms migrated before their users exist with the team',
      expect: 'breaks',
      breaks: ['members-exist-before-room'],
      ...variant(roomsBeforeUsers),
    },
    'planted-dry-run-skips-existing-users': {
      description: 'planted: the dry-run leaves out users that exist without team gym_4',
      expect: 'breaks',
      breaks: ['dry-run-equals-apply'],
      ...variant(dryRunSkipsExistingUsers),
    },
    'planted-remove-then-add': {
      description: 'planted: legacy ids removed, then new ids added, in two requests',
      expect: 'breaks',
      breaks: ['channel-room-sync'],
      runs: 300,
      ...variant(removeThenAdd),
    },
  },
  defaultVariant: 'after',
  // `syncsim validate-migration stream-ids --world legacy-ids-gym-4`
  migration: legacyIdsMigrationWorld,
  runs: 30,
});
