/**
 * The report's rejected option 3: "delete the channel and create it again in the right team".
 * The right team, and an empty channel: Stream deletes the messages with the channel, and the
 * members' history is gone. Everything else is src/chat's repair.
 */
import type { StreamChat } from 'stream-chat';
import {
  applyStreamRepair,
  gymTeam,
  type ApplyStreamRepairDeps,
  type RepairAction,
  type RepairOutcome,
} from '../../../src/chat/index.ts';

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
    await recreate(deps.stream, action.cid, action.gymId);
    outcomes.push({ action, result: 'applied' });
  }
  return outcomes;
}

async function recreate(stream: StreamChat, cid: string, gymId: number): Promise<void> {
  const [type, id] = cid.split(':') as [string, string];
  const state = await stream.post<{ members?: { user_id?: string }[] }>(
    `${stream.baseURL}/channels/${type}/${id}/query`,
    { state: true, watch: false, presence: false, messages: { limit: 0 } },
  );
  const members = (state.members ?? []).flatMap((member) => member.user_id ?? []);
  await stream.delete(`${stream.baseURL}/channels/${type}/${id}`, { hard_delete: true });
  await stream.post(`${stream.baseURL}/channels/${type}/${id}/query`, {
    data: { team: gymTeam(gymId), gym_id: String(gymId), members, created_by_id: 'admin' },
    state: false,
    watch: false,
    presence: false,
  });
}
