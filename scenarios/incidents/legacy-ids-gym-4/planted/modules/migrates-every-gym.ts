/**
 * PLANTED BUG, as a module for `syncsim validate-migration <this file> --world legacy-ids-gym-4`:
 * the plan is the selected gym's, but apply migrates gym 1 as well (a loop over every gym left
 * in from the all-gyms run of the runbook). Gym 1's direct channel with user 8 and its rows
 * change: caught by criterion 4, everything outside the scope unchanged.
 */
import { migrationAsModule } from '../../migration-as-module.ts';
import { srcMigration } from '../../legacy-ids-gym-4-actors.ts';

export default migrationAsModule('planted-migrates-every-gym', {
  ...srcMigration,
  async apply(deps, gymId) {
    await srcMigration.apply(deps, 1);
    return srcMigration.apply(deps, gymId);
  },
});
