/** A repair run after a complete one applies nothing: everything it would do is already done. */
import { defineInvariant } from 'syncsim';
import { describeRepairAction } from '../../../../src/chat/index.ts';
import type { RoomGeneral4World } from '../room-general-4-world.ts';

export const repairIdempotent = defineInvariant<RoomGeneral4World>({
  name: 'repair-idempotent',
  kind: 'liveness',
  description: 'the heal phase repair, run after a finished one, applies nothing',
  check({ world }) {
    if (world.repairs.length < 2) return [];
    const last = world.repairs[world.repairs.length - 1]!;
    const first = world.repairs[0]!;
    // Only a first run that finished every action says the second must find nothing to do.
    if (first.some((outcome) => outcome.result === 'failed')) return [];
    return last
      .filter((outcome) => outcome.result === 'applied')
      .map((outcome) => ({
        invariant: 'repair-idempotent',
        message: `the second repair applied again: ${describeRepairAction(outcome.action)}`,
      }));
  },
});
