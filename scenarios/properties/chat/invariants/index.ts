export { auditMatchesTruth } from './audit-matches-truth.ts';
export { channelRoomSync } from './channel-room-sync.ts';
export { noMessageLoss } from './no-message-loss.ts';
export { repairIdempotent } from './repair-idempotent.ts';
export { teamMatchesGym } from './team-matches-gym.ts';
export { tenantIsolation } from './tenant-isolation.ts';
export { webhookExactlyOnce } from './webhook-exactly-once.ts';
