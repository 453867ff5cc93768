import { channelRoomSync } from './channel-room-sync.ts';
import { membersExistBeforeRoom } from './members-exist-before-room.ts';
import { noLegacyMemberIds } from './no-legacy-member-ids.ts';
import { noMessageLoss } from './no-message-loss.ts';
import { otherGymsUnchanged } from './other-gyms-unchanged.ts';
import { teamMatchesGym } from './team-matches-gym.ts';

export {
  noLegacyMemberIds,
  teamMatchesGym,
  noMessageLoss,
  channelRoomSync,
  membersExistBeforeRoom,
  otherGymsUnchanged,
};

/** What must hold of the world after a finished migration: the scenario's and validate-migration's. */
export const domainInvariants = [
  noLegacyMemberIds,
  teamMatchesGym,
  noMessageLoss,
  channelRoomSync,
  membersExistBeforeRoom,
  otherGymsUnchanged,
] as const;
export { dryRunEqualsApply } from './dry-run-equals-apply.ts';
export { migrationIdempotent } from './migration-idempotent.ts';
