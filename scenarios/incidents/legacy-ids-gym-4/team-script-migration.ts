/**
 * The team's script (`before`) as a user's own migration module, validated by path
 * (`syncsim validate-migration scenarios/incidents/legacy-ids-gym-4/team-script-migration.ts`).
 * It has no dry-run: its plan is the gym and no actions, and apply runs the whole script.
 */
import type { MigrationModule } from 'syncsim';
import type { MigrationDeps } from '../../../src/chat/index.ts';
import { gymOf } from './stream-ids-migration.ts';
import { teamMigrationScript } from './team-migration-script.ts';

const teamScriptMigration: MigrationModule<MigrationDeps, { gymId: number; actions: [] }> = {
  name: 'team-script',
  plan: (_deps, scope) => Promise.resolve({ gymId: gymOf(scope), actions: [] }),
  apply: async (deps, plan) => {
    await teamMigrationScript(deps, plan.gymId);
    return {};
  },
};

export default teamScriptMigration;
