export { noLegacyMemberIds } from './no-legacy-member-ids.ts';
export { teamMatchesGym } from './team-matches-gym.ts';
export { noMessageLoss } from './no-message-loss.ts';
export { channelRoomSync } from './channel-room-sync.ts';
export { membersExistBeforeRoom } from './members-exist-before-room.ts';
export { otherGymsUnchanged } from './other-gyms-unchanged.ts';
export { dryRunEqualsApply } from './dry-run-equals-apply.ts';
export { migrationIdempotent } from './migration-idempotent.ts';
