// What the audit says about each channel id, once, as what it is. Matching is by channel id
// across ALL gyms, so a channel whose team names the wrong gym is one `wrong-team` finding, not
// "only in Stream" for one gym plus "only in DB" for another (incident A).

export const auditFindingKinds = [
  'synced',
  'wrong-team', // the room's channel has team != gym_{room.gym_id}
  'team-metadata-mismatch', // team is right, the channel's custom gym_id is not the room's gym
  'legacy-member-ids', // members still carry user_{u} ids
  'member-mismatch', // members differ from the room's members
  'orphan-event-channel', // an event channel whose event no longer exists
  'only-in-stream',
  'only-in-db',
] as const;

export type AuditFindingKind = (typeof auditFindingKinds)[number];

export interface AuditFinding {
  readonly kind: AuditFindingKind;
  readonly channelId: string;
  /** `type:id` when the channel exists in Stream, else null. */
  readonly cid: string | null;
  /** The gym the finding belongs to: the room's; with no room, the gym the team or gym_id names. */
  readonly gymId: number | null;
  readonly roomId: number | null;
  readonly team: string | null;
  readonly channelGymId: string | null;
  /** The event an event channel names (null for other kinds). */
  readonly eventId: number | null;
  /** The channel's members as user numbers (whatever their id format); [] when not in Stream. */
  readonly memberUsers: readonly number[];
}

export interface GymAuditCounts {
  readonly gymId: number | null;
  readonly rooms: number;
  readonly counts: Readonly<Record<AuditFindingKind, number>>;
}

/** The per-gym lines the team's own audit printed: synced / only in Stream / only in DB / rate. */
export function formatGymLine(gym: GymAuditCounts): string {
  const c = gym.counts;
  const onlyInStream = c['only-in-stream'] + c['orphan-event-channel'];
  const rate = gym.rooms === 0 ? 'n/a' : `${Math.round((100 * c.synced) / gym.rooms)}%`;
  const problems = auditFindingKinds
    .filter((kind) => !['synced', 'only-in-stream', 'only-in-db', 'orphan-event-channel'].includes(kind) && c[kind] > 0)
    .map((kind) => `${c[kind]} ${kind}`);
  const name = gym.gymId === null ? 'no gym' : `gym ${gym.gymId}`;
  return `${name}: ${c.synced} synced, ${onlyInStream} only in Stream, ${c['only-in-db']} only in DB, sync rate ${rate} (${c.synced}/${gym.rooms})${problems.length > 0 ? `; ${problems.join(', ')}` : ''}`;
}
