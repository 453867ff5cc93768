// planted-rooms-before-users as a module for `syncsim validate-migration <this file> --world legacy-ids-gym-4`.
import { migrationAsModule } from '../../migration-as-module.ts';
import { roomsBeforeUsers } from '../rooms-before-users.ts';

export default migrationAsModule('planted-rooms-before-users', roomsBeforeUsers);
