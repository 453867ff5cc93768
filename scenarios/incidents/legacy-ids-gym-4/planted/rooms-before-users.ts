/**
 * Planted bug: phase 2 before phase 1. A mutant of src/chat's apply that migrates the rooms
 * first, trusting the plan's new ids instead of reading them back (the real apply's `ready`
 * check), then upserts the users. Stream refuses ids that do not exist at all, but gym_4_user_17
 * exists WITHOUT a team (the event worker made it), so room_4_644 takes it as a member before it
 * is in team gym_4: members-exist-before-room must catch it.
 */
import {
  applyTenantIdMigration,
  getListedChannelForTest,
  migrateTenantIds,
  type MigrationAction,
  type MigrationDeps,
  type MigrationOutcome,
  type MigrationRun,
} from './src-access.ts';
import type { Migration } from '../legacy-ids-gym-4-actors.ts';
import { srcMigration } from '../legacy-ids-gym-4-actors.ts';

async function migrateRoomUnchecked(
  deps: MigrationDeps,
  action: Extract<MigrationAction, { kind: 'migrate-room' }>,
): Promise<MigrationOutcome> {
  const channel = await getListedChannelForTest(deps.stream, action.cid);
  if (!channel) return { action, result: 'skipped', why: 'the channel is gone' };
  const id = action.cid.slice(action.cid.indexOf(':') + 1);
  const add = action.add.filter((member) => !channel.memberIds.includes(member));
  const remove = action.remove.filter((member) => channel.memberIds.includes(member));
  await deps.stream.post(`${deps.stream.baseURL}/channels/messaging/${id}`, {
    ...(add.length > 0 ? { add_members: add } : {}),
    ...(remove.length > 0 ? { remove_members: remove } : {}),
  });
  return { action, result: 'applied' };
}

export const roomsBeforeUsers: Migration = {
  dryRun: srcMigration.dryRun!,
  apply: async (deps, gymId): Promise<MigrationRun> => {
    const { plan } = await migrateTenantIds(deps, { gymId, apply: false });
    const outcomes: MigrationOutcome[] = [];
    for (const action of plan.actions) {
      if (action.kind !== 'migrate-room') continue;
      outcomes.push(
        await migrateRoomUnchecked(deps, action).catch((error: unknown): MigrationOutcome => ({
          action,
          result: 'failed',
          why: String(error),
        })),
      );
    }
    const users = await applyTenantIdMigration(
      deps,
      plan.actions.filter((action) => action.kind === 'upsert-users'),
    );
    return { plan, report: { outcomes: [...outcomes, ...users.outcomes] } };
  },
};
