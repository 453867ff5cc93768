/**
 * What queries see of a record: a flat document (built-in fields plus custom fields, instants
 * in ms) for the filter language, and a stable multi-key sort where missing values sort last
 * and ties break by cid (or id), so paging by offset is deterministic.
 */
import { compare, type FilterDoc } from './match-filter.ts';
import type { ChannelRecord, UserRecord } from './stream-records.ts';

export function channelDoc(channel: ChannelRecord): FilterDoc {
  const lastUpdated = Math.max(channel.createdAt, channel.lastMessageAt ?? 0);
  return {
    ...channel.custom,
    type: channel.type,
    id: channel.id,
    cid: channel.cid,
    ...(channel.team === undefined ? {} : { team: channel.team }),
    members: [...channel.members.keys()],
    member_count: channel.members.size,
    created_by_id: channel.createdById,
    created_at: channel.createdAt,
    updated_at: channel.updatedAt,
    ...(channel.lastMessageAt === undefined ? {} : { last_message_at: channel.lastMessageAt }),
    last_updated: lastUpdated,
    frozen: channel.frozen,
    disabled: channel.disabled,
  };
}

export function userDoc(user: UserRecord): FilterDoc {
  return {
    ...user.custom,
    id: user.id,
    role: user.role,
    teams: user.teams,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
    ...(user.deletedAt === undefined ? {} : { deleted_at: user.deletedAt }),
  };
}

/** Stable multi-key sort; missing values sort last whatever the direction. */
export function sortBy<T>(
  items: T[],
  doc: (item: T) => FilterDoc,
  sort: ReadonlyArray<{ field: string; direction: number }>,
  dateFields: ReadonlySet<string>,
): T[] {
  const docs = new Map(items.map((item) => [item, doc(item)]));
  return [...items].sort((a, b) => {
    for (const { field, direction } of sort) {
      const x = docs.get(a)![field];
      const y = docs.get(b)![field];
      if (x === undefined && y === undefined) continue;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      const cmp = compare(x, y, dateFields.has(field)) ?? 0;
      if (cmp !== 0) return cmp * direction;
    }
    const ca = String(docs.get(a)!.cid ?? docs.get(a)!.id);
    const cb = String(docs.get(b)!.cid ?? docs.get(b)!.id);
    return ca < cb ? -1 : ca > cb ? 1 : 0;
  });
}
