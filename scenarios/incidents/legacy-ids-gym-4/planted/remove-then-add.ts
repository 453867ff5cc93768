/**
 * Planted bug: a room migrated in two requests, legacy ids removed first, new ids added second.
 * Killed (or failed) between the two, the room has lost those people, and the next run cannot
 * tell: no legacy id is left to plan from. A half-migrated room a re-run never finishes:
 * channel-room-sync must catch it (the channel no longer holds the people it had).
 */
import { applyTenantIdMigration, migrateTenantIds, type MigrationOutcome, type MigrationRun } from './src-access.ts';
import { srcMigration, type Migration } from '../legacy-ids-gym-4-actors.ts';

export const removeThenAdd: Migration = {
  dryRun: srcMigration.dryRun!,
  apply: async (deps, gymId): Promise<MigrationRun> => {
    const { plan } = await migrateTenantIds(deps, { gymId, apply: false });
    const phase1 = await applyTenantIdMigration(
      deps,
      plan.actions.filter((action) => action.kind === 'upsert-users'),
    );
    if (phase1.stopped) return { plan, report: phase1 };
    const outcomes: MigrationOutcome[] = [...phase1.outcomes];
    for (const action of plan.actions) {
      if (action.kind !== 'migrate-room') continue;
      const url = `${deps.stream.baseURL}/channels/messaging/${action.cid.slice(action.cid.indexOf(':') + 1)}`;
      try {
        if (action.remove.length > 0) await deps.stream.post(url, { remove_members: action.remove });
        if (action.add.length > 0) await deps.stream.post(url, { add_members: action.add });
        outcomes.push({ action, result: 'applied' });
      } catch (error) {
        outcomes.push({ action, result: 'failed', why: String(error) });
      }
    }
    return { plan, report: { outcomes } };
  },
};
