// The gym app's chat domain (Stream Chat <-> Postgres, incident A): ids, the read-only audit,
// the repair plan, the room-from-channel guard and the webhook handler.
export { gymTeam, parseGymTeam, parseStreamUserId, formatStreamUserId, tenantUserId } from './stream-user-id.ts';
export type { StreamUserId } from './stream-user-id.ts';
export {
  canonicalMembers,
  formatStreamChannelId,
  fullChannelId,
  maxChannelIdLength,
  parseStreamChannelId,
} from './stream-channel-id.ts';
export type { FullChannelId, StreamChannelId } from './stream-channel-id.ts';
export { auditStream, type AuditReport, type AuditStreamDeps, type AuditStreamOptions } from './audit-stream.ts';
export { auditFindingKinds, formatGymLine } from './audit-finding.ts';
export type { AuditFinding, AuditFindingKind, GymAuditCounts } from './audit-finding.ts';
export { listAllChannels, channelPageSize, type ListAllChannelsOptions } from './list-all-channels.ts';
export type { ListedChannel } from './listed-channel.ts';
export { planStreamRepair, describeRepairAction, type RepairAction, type RepairScope } from './plan-stream-repair.ts';
export { createRoomFromChannel, gymOfChannel, type CreateRoomOutcome } from './create-room-from-channel.ts';
export { verifyWebhookSignature } from './verify-webhook-signature.ts';
export {
  handleStreamWebhook,
  type StreamWebhookDeps,
  type StreamWebhookRequest,
  type StreamWebhookResult,
  type StreamWebhookOutcome,
} from './handle-stream-webhook.ts';
export { applyStreamRepair, type ApplyStreamRepairDeps, type RepairOutcome } from './apply-stream-repair.ts';
export { exportChannelMessages, exportFileName } from './export-channel-messages.ts';
export {
  createGymRoom,
  type CreateGymRoomDeps,
  type CreateGymRoomOutcome,
  type GymRoomRequest,
} from './create-gym-room.ts';
export { describeFinding, formatAuditReport } from './format-audit-report.ts';
export {
  streamOpsCli,
  STREAM_OPS_EXIT,
  STREAM_OPS_USAGE,
  type StreamOpsEnv,
  type StreamOpsIo,
} from './stream-ops-cli.ts';
export { openStream, type StreamEnv } from './open-stream.ts';
// Incident B: the tenant-id migration (its own folder: src/chat/migrate-tenant-ids/).
export * from './migrate-tenant-ids/index.ts';
// Snapshots of the Stream app and its tables, for syncsim validate-migration --snapshot.
export * from './stream-snapshot/index.ts';
