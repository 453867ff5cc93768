// The read-only Stream <-> Postgres audit. Every channel of the app (all tenants) is streamed
// page by page into a temporary table on one connection, and the diff against chat_rooms,
// chat_room_members, events and gyms runs in Postgres, so Node holds one page at a time
// whatever the number of channels. The database work runs in a READ ONLY transaction (writes
// to a temporary table are the one thing Postgres allows there); the temporary table itself
// is created before it and dropped after. Stream is only read (POST /channels is a query).
// `streams: K` lists with K concurrent keyset streams, split at the K-quantiles of
// chat_rooms.created_at: rooms are created with their channels, so each stream gets about N/K
// channels (a poor split only unbalances the streams; every channel is still listed once).
import type { StreamChat } from 'stream-chat';
import type { Clock } from '../clock.ts';
import type { Db, DbClient, Queryable } from '../db/db.ts';
import { auditFindingKinds, type AuditFinding, type AuditFindingKind, type GymAuditCounts } from './audit-finding.ts';
import { parseStreamChannelId } from './stream-channel-id.ts';
import { parseGymTeam, parseStreamUserId } from './stream-user-id.ts';
import { listAllChannels, type ListAllChannelsOptions } from './list-all-channels.ts';
import type { ListedChannel } from './listed-channel.ts';
import { classifyChannelsSql } from './classify-channels-sql.ts';

export interface AuditStreamDeps {
  readonly db: Db;
  readonly stream: StreamChat;
  readonly clock: Clock;
  /**
   * How Stream's channels are listed, page by page (default listAllChannels). The one part of
   * the audit that depends on Stream's paging, so another way of paging can be checked against
   * the same diff (properties-chat plants an offset-paged one and expects it to be caught).
   */
  readonly listChannels?: (
    client: StreamChat,
    options: ListAllChannelsOptions,
  ) => AsyncIterable<readonly ListedChannel[]>;
}

export interface AuditStreamOptions {
  /** Gyms to report (undefined: all). Matching still spans every gym, so scope never splits a fault. */
  readonly gymIds?: readonly number[];
  readonly list?: Omit<ListAllChannelsOptions, 'clock'>;
  /** Concurrent keyset streams (default 1); `list.createdAtSplits`, when given, wins. */
  readonly streams?: number;
}

export interface AuditReport {
  readonly channelsListed: number;
  readonly pages: number;
  /** Keyset streams the listing ran (fewer than asked when rooms share creation instants). */
  readonly streams: number;
  readonly gyms: readonly GymAuditCounts[];
  /** Every finding but `synced`, ordered by gym then channel id. */
  readonly findings: readonly AuditFinding[];
}

const temp = 'syncsim_audit_channels';

/** The row a channel becomes in the temporary table: what SQL cannot parse is parsed here. */
function channelRow(channel: ListedChannel): unknown[] {
  const parsed = parseStreamChannelId(channel.id);
  const members = channel.memberIds.map(parseStreamUserId);
  return [
    channel.id,
    channel.cid,
    channel.team,
    channel.gymId,
    parseGymTeam(channel.team) ?? null,
    parsed?.kind === 'event' ? parsed.eventId : null,
    members.some((member) => member?.kind === 'legacy'),
    // Members as user numbers, whatever their format: "same people" survives the id migration.
    [...new Set(members.flatMap((member) => (member ? [member.userId] : [])))].sort((a, b) => a - b).join(','),
  ];
}

async function insertPage(client: DbClient, page: readonly ListedChannel[]): Promise<void> {
  const columns: unknown[][] = [[], [], [], [], [], [], [], []];
  for (const channel of page) channelRow(channel).forEach((value, i) => columns[i]!.push(value));
  // One statement per page; a channel listed twice (ties re-read across pages) counts once.
  await client.query(
    `INSERT INTO ${temp} (channel_id, cid, team, channel_gym_id, team_gym_id, event_id, has_legacy_members, member_users)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::boolean[], $8::text[])
     ON CONFLICT (channel_id) DO NOTHING`,
    columns,
  );
}

/** The instants cutting chat_rooms.created_at into `streams` parts of about equal size (ms, ISO). */
export async function roomCreationSplits(db: Queryable, streams: number): Promise<string[]> {
  if (!Number.isSafeInteger(streams) || streams < 1) throw new RangeError(`streams must be >= 1, got ${streams}`);
  if (streams === 1) return [];
  const { rows } = await db.query<{ ms: number }>(
    `SELECT DISTINCT floor(extract(epoch FROM q) * 1000)::float8 AS ms
     FROM unnest((SELECT percentile_disc(ARRAY(SELECT g::float8 / $1::int FROM generate_series(1, $1::int - 1) g))
                  WITHIN GROUP (ORDER BY created_at) FROM chat_rooms)) q
     ORDER BY ms`,
    [streams],
  );
  return rows.map((row) => new Date(row.ms).toISOString());
}

function emptyCounts(): Record<AuditFindingKind, number> {
  return Object.fromEntries(auditFindingKinds.map((kind) => [kind, 0])) as Record<AuditFindingKind, number>;
}

export async function auditStream(deps: AuditStreamDeps, options: AuditStreamOptions = {}): Promise<AuditReport> {
  const client = await deps.db.connect();
  let broken = false;
  try {
    await client.query(
      `CREATE TEMPORARY TABLE IF NOT EXISTS ${temp} (
         channel_id text PRIMARY KEY, cid text NOT NULL, team text, channel_gym_id text, team_gym_id bigint, event_id bigint,
         has_legacy_members boolean NOT NULL, member_users text NOT NULL)`,
    );
    // A pooled connection can still hold the table of an earlier audit whose DROP failed: its
    // stale rows would win over this listing's (ON CONFLICT DO NOTHING). Start from empty.
    await client.query(`TRUNCATE ${temp}`);
    await client.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const createdAtSplits = options.list?.createdAtSplits ?? (await roomCreationSplits(client, options.streams ?? 1));
    let channelsListed = 0;
    let pages = 0;
    const list = deps.listChannels ?? listAllChannels;
    for await (const page of list(deps.stream, { ...options.list, createdAtSplits, clock: deps.clock })) {
      await insertPage(client, page);
      channelsListed += page.length;
      pages++;
    }
    const scope = options.gymIds ? [...options.gymIds] : null;
    const { rows } = await client.query<{
      kind: AuditFindingKind;
      channel_id: string;
      gym_id: string | null;
      room_id: string | null;
      cid: string | null;
      team: string | null;
      channel_gym_id: string | null;
      event_id: string | null;
      member_users: string;
    }>(
      // Only the faults come back to Node; synced channels (nearly all of them) are counted in SQL,
      // so memory grows with the faults, not with the app.
      `${classifyChannelsSql(temp)} WHERE kind <> 'synced' AND ($1::bigint[] IS NULL OR gym_id = ANY($1))
       ORDER BY gym_id NULLS LAST, channel_id`,
      [scope],
    );
    const kindCounts = await client.query<{ gym_id: string | null; kind: AuditFindingKind; n: string }>(
      `SELECT gym_id, kind, count(*) AS n FROM (${classifyChannelsSql(temp)}) classified
       WHERE $1::bigint[] IS NULL OR gym_id = ANY($1) GROUP BY gym_id, kind`,
      [scope],
    );
    const roomCounts = await client.query<{ gym_id: string; rooms: string }>(
      'SELECT gym_id, count(*) AS rooms FROM chat_rooms GROUP BY gym_id',
    );
    await client.query('COMMIT');

    const gyms = new Map<number | null, { rooms: number; counts: Record<AuditFindingKind, number> }>();
    const gymEntry = (gymId: number | null) => {
      let entry = gyms.get(gymId);
      if (!entry) gyms.set(gymId, (entry = { rooms: 0, counts: emptyCounts() }));
      return entry;
    };
    for (const row of roomCounts.rows) {
      const gymId = Number(row.gym_id);
      if (scope === null || scope.includes(gymId)) gymEntry(gymId).rooms = Number(row.rooms);
    }
    for (const row of kindCounts.rows) {
      gymEntry(row.gym_id === null ? null : Number(row.gym_id)).counts[row.kind] = Number(row.n);
    }
    const findings: AuditFinding[] = [];
    for (const row of rows) {
      const gymId = row.gym_id === null ? null : Number(row.gym_id);
      findings.push({
        kind: row.kind,
        channelId: row.channel_id,
        gymId,
        roomId: row.room_id === null ? null : Number(row.room_id),
        cid: row.cid,
        team: row.team,
        channelGymId: row.channel_gym_id,
        eventId: row.event_id === null ? null : Number(row.event_id),
        memberUsers: row.member_users === '' ? [] : row.member_users.split(',').map(Number),
      });
    }
    const ordered = [...gyms.entries()]
      .sort(([a], [b]) => (a ?? Number.MAX_SAFE_INTEGER) - (b ?? Number.MAX_SAFE_INTEGER))
      .map(([gymId, entry]) => ({ gymId, ...entry }));
    return { channelsListed, pages, streams: createdAtSplits.length + 1, gyms: ordered, findings };
  } catch (error) {
    broken = true;
    throw error;
  } finally {
    if (broken) await client.query('ROLLBACK').catch(() => undefined);
    // A table that could not be dropped stays with its connection: do not give that back to the pool.
    const dropped = await client.query(`DROP TABLE IF EXISTS ${temp}`).then(
      () => true,
      () => false,
    );
    client.release(broken || !dropped);
  }
}
