// One line per action, as the dry-run prints it and the apply reports it.
import { gymTeam } from '../stream-user-id.ts';
import type { LeftRoom, MigrationAction } from './migration-action.ts';

export function describeMigrationAction(action: MigrationAction): string {
  switch (action.kind) {
    case 'upsert-users':
      return `upsert ${action.users.length} user(s) in team ${gymTeam(action.gymId)}: ${action.users.map((user) => user.id).join(', ')}`;
    case 'migrate-room':
      return (
        `migrate members of ${action.cid} (room ${action.roomId}): ` +
        `add ${action.add.join(', ') || '(none)'}; remove ${action.remove.join(', ') || '(none)'} (same channel, history kept)`
      );
  }
}

export function describeLeftRoom(room: LeftRoom): string {
  return `leave room ${room.roomId} (${room.channelId}): ${room.why}`;
}
