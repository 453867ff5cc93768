/**
 * For planted bugs in how a room is made from a channel: src/chat's applyStreamRepair, with the
 * create-room step's room creation swapped (same recheck of the channel, same transaction);
 * every other action is src/chat's.
 */
import {
  applyStreamRepair,
  type ApplyStreamRepairDeps,
  type RepairOutcome,
} from '../../../../src/chat/apply-stream-repair.ts';
import type { createRoomFromChannel } from '../../../../src/chat/create-room-from-channel.ts';
import { getListedChannel } from '../../../../src/chat/get-listed-channel.ts';
import type { RepairAction } from '../../../../src/chat/plan-stream-repair.ts';
import { withTransaction } from '../../../../src/db/with-transaction.ts';

export function applyCreatingRoomsWith(create: typeof createRoomFromChannel) {
  return async (deps: ApplyStreamRepairDeps, actions: readonly RepairAction[]): Promise<RepairOutcome[]> => {
    const outcomes: RepairOutcome[] = [];
    for (const action of actions) {
      if (action.kind !== 'create-room') {
        outcomes.push(...(await applyStreamRepair(deps, [action])));
        continue;
      }
      try {
        const channel = await getListedChannel(deps.stream, action.cid);
        if (!channel) {
          outcomes.push({ action, result: 'skipped', why: 'the channel is gone' });
          continue;
        }
        const created = await withTransaction(deps.db, (tx) => create(tx, channel));
        outcomes.push(
          created.kind === 'created'
            ? { action, result: 'applied' }
            : { action, result: 'skipped', why: created.kind === 'refused' ? created.why : 'already done' },
        );
      } catch (error) {
        outcomes.push({ action, result: 'failed', why: error instanceof Error ? error.message : String(error) });
      }
    }
    return outcomes;
  };
}
