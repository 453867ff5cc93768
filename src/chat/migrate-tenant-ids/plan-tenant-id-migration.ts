// The migration's plan: pure, from the state read (migration-state.ts) to the writes a run makes,
// so the dry-run prints exactly what --apply performs. Phase 1 first (every user the gym's rooms
// will name, as `gym_{g}_user_{u}` in team `gym_{g}`), then phase 2 (each room's channel, in place).
// Only what is not already done is planned: a second run plans nothing, and a run killed half
// way plans only the rest.
import { parseStreamUserId, tenantUserId, gymTeam } from '../stream-user-id.ts';
import type { LeftRoom, MigrationAction, MigrationPlan } from './migration-action.ts';
import type { MigrationState } from './migration-state.ts';

/** Stream takes at most 100 users per upsert. */
export const userBatchSize = 100;

/** The member id a room's channel must carry instead of `memberId` (itself when it needs no change). */
export function targetMemberId(gymId: number, memberId: string): string {
  const parsed = parseStreamUserId(memberId);
  return parsed?.kind === 'legacy' ? tenantUserId(gymId, parsed.userId) : memberId;
}

export function planTenantIdMigration(state: MigrationState): MigrationPlan {
  const { gymId } = state;
  const team = gymTeam(gymId);
  const pending = state.users.filter(
    (user) => !(state.streamUsers.get(tenantUserId(gymId, user.userId)) ?? []).includes(team),
  );
  const actions: MigrationAction[] = [];
  for (let at = 0; at < pending.length; at += userBatchSize)
    actions.push({
      kind: 'upsert-users',
      gymId,
      users: pending
        .slice(at, at + userBatchSize)
        .map((user) => ({ id: tenantUserId(gymId, user.userId), name: user.name })),
    });

  const left: LeftRoom[] = [];
  for (const room of state.rooms) {
    const channel = state.channels.get(room.channelId);
    const leave = (why: string) => left.push({ roomId: room.roomId, channelId: room.channelId, why });
    if (!channel) {
      leave('no channel in Stream (the audit reports it)');
      continue;
    }
    if (channel.team !== team) {
      // Members of gym g in a channel of another team would be a second incident A: repair first.
      leave(`its channel is in team ${channel.team ?? '(none)'}, not ${team}: run repair stream first`);
      continue;
    }
    const current = new Set(channel.memberIds);
    const remove = channel.memberIds.filter((id) => targetMemberId(gymId, id) !== id);
    const add = [...new Set(remove.map((id) => targetMemberId(gymId, id)))].filter((id) => !current.has(id)).sort();
    const members = [...new Set(channel.memberIds.map((id) => targetMemberId(gymId, id)))].sort();
    if (add.length > 0 || remove.length > 0)
      actions.push({ kind: 'migrate-room', gymId, roomId: room.roomId, cid: channel.cid, add, remove, members });
  }
  return { gymId, actions, left };
}
