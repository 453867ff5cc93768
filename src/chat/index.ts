// The gym app's chat domain (Stream Chat <-> Postgres): ids today; the audit, repairs, the
// webhook handler and the tenant-id migration build on them.
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
