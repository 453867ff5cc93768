/**
 * The runbook's "re-runnable", strictly: once a run has finished (the heal phase's first rerun,
 * faults off), the next run plans nothing and writes nothing.
 */
import { defineInvariant, type Violation } from 'syncsim';
import { describeMigrationAction } from '../../../../src/chat/index.ts';
import type { LegacyIdsWorld } from '../legacy-ids-gym-4-world.ts';

export const migrationIdempotent = defineInvariant<LegacyIdsWorld>({
  name: 'migration-idempotent',
  kind: 'liveness',
  description: 'a run after a finished run plans and writes nothing',
  check({ world }) {
    const [first, second] = world.reruns;
    if (!first?.report || !second || first.report.stopped) return [];
    return second.plan.actions.map((action): Violation => ({
      invariant: 'migration-idempotent',
      message: `a second run still planned: ${describeMigrationAction(action)}`,
    }));
  },
});
