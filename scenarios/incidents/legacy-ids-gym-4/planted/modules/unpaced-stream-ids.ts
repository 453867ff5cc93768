/**
 * Planted for validate-migration's criterion 8 (rate limits): src/chat's migration given no clock,
 * so it cannot pace itself (MigrationDeps.clock): under limits that bind it bursts into 429s.
 */
import type { MigrationModule } from 'syncsim';
import type { MigrationDeps, MigrationPlan } from '../../../../../src/chat/index.ts';
import { streamIdsMigration } from '../../stream-ids-migration.ts';

const unpaced = ({ db, stream }: MigrationDeps): MigrationDeps => ({ db, stream });

const unpacedStreamIds: MigrationModule<MigrationDeps, MigrationPlan> = {
  name: 'planted-unpaced-stream-ids',
  plan: (deps, scope) => streamIdsMigration.plan(unpaced(deps), scope),
  apply: (deps, plan) => streamIdsMigration.apply(unpaced(deps), plan),
};

export default unpacedStreamIds;
