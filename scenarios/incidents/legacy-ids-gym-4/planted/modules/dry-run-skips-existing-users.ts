// planted-dry-run-skips-existing-users as a module for `syncsim validate-migration <this file> --world legacy-ids-gym-4`.
import { migrationAsModule } from '../../migration-as-module.ts';
import { dryRunSkipsExistingUsers } from '../dry-run-skips-existing-users.ts';

export default migrationAsModule('planted-dry-run-skips-existing-users', dryRunSkipsExistingUsers);
