/**
 * Planted bug: a dry-run that skips a step the real run performs. Its plan leaves out every user
 * whose gym_4_user_{u} already EXISTS in Stream, where the real planner (and so the real run)
 * also fixes users that exist without team gym_4 (gym_4_user_11, gym_4_user_17). The operator is
 * shown fewer upserts than the run then makes: dry-run-equals-apply must catch it.
 */
import { planTenantIdMigration, readMigrationState } from './src-access.ts';
import { srcMigration, type Migration } from '../legacy-ids-gym-4-actors.ts';

export const dryRunSkipsExistingUsers: Migration = {
  dryRun: async (deps, gymId) => {
    const state = await readMigrationState(deps, gymId);
    const plan = planTenantIdMigration(state);
    const actions = plan.actions
      .map((action) =>
        action.kind === 'upsert-users'
          ? { ...action, users: action.users.filter((user) => !state.streamUsers.has(user.id)) }
          : action,
      )
      .filter((action) => action.kind !== 'upsert-users' || action.users.length > 0);
    return { plan: { ...plan, actions } };
  },
  apply: srcMigration.apply,
};
