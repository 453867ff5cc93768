// planted-remove-then-add as a module for `syncsim validate-migration <this file> --world legacy-ids-gym-4`.
import { migrationAsModule } from '../../migration-as-module.ts';
import { removeThenAdd } from '../remove-then-add.ts';

export default migrationAsModule('planted-remove-then-add', removeThenAdd);
