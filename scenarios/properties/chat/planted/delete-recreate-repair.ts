/**
 * PLANTED BUG: a channel in the wrong team is "fixed" by deleting it and creating it again in
 * the right team with the same members (incident A's rejected option 3), instead of a partial
 * update in place. The new channel is right and empty: Stream deleted the messages with the old
 * one, and nothing exported them. Every other action is src/chat's. Caught by no-message-loss.
 */
import type { StreamChat } from 'stream-chat';
import {
  applyStreamRepair,
  type ApplyStreamRepairDeps,
  type RepairOutcome,
} from '../../../../src/chat/apply-stream-repair.ts';
import type { RepairAction } from '../../../../src/chat/plan-stream-repair.ts';
import { gymTeam } from '../../../../src/chat/stream-user-id.ts';

async function recreate(stream: StreamChat, cid: string, gymId: number): Promise<void> {
  const [type, id] = cid.split(':') as [string, string];
  const path = `${stream.baseURL}/channels/${type}/${id}`;
  const state = await stream.post<{ members?: { user_id?: string }[] }>(`${path}/query`, {
    state: true,
    watch: false,
    presence: false,
    messages: { limit: 0 },
  });
  const members = (state.members ?? []).flatMap((member) => member.user_id ?? []);
  await stream.delete(path, { hard_delete: true });
  await stream.post(`${path}/query`, {
    data: { team: gymTeam(gymId), gym_id: String(gymId), members, created_by_id: 'admin' },
    state: false,
    watch: false,
    presence: false,
  });
}

export async function deleteRecreateRepair(
  deps: ApplyStreamRepairDeps,
  actions: readonly RepairAction[],
): Promise<RepairOutcome[]> {
  const outcomes: RepairOutcome[] = [];
  for (const action of actions) {
    if (action.kind !== 'set-team') {
      outcomes.push(...(await applyStreamRepair(deps, [action])));
      continue;
    }
    try {
      await recreate(deps.stream, action.cid, action.gymId);
      outcomes.push({ action, result: 'applied' });
    } catch (error) {
      outcomes.push({ action, result: 'failed', why: error instanceof Error ? error.message : String(error) });
    }
  }
  return outcomes;
}
