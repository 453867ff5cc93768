// The audit's diff, in SQL over the temporary table of listed channels: a full join on the
// channel id across all gyms, then one finding per channel id, checked in this order (the first
// that applies is what the channel IS; later ones are consequences): missing on either side,
// wrong team, team/gym_id disagreement, legacy member ids, different members, else synced.

/** SELECT kind, channel_id, gym_id, room_id, cid, team, channel_gym_id, event_id, member_users over `channels`. */
export function classifyChannelsSql(channels: string): string {
  return `
SELECT * FROM (
  SELECT
    CASE
      WHEN r.id IS NULL AND c.event_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = c.event_id)
        THEN 'orphan-event-channel'
      WHEN r.id IS NULL THEN 'only-in-stream'
      WHEN c.channel_id IS NULL THEN 'only-in-db'
      WHEN c.team IS DISTINCT FROM 'gym_' || r.gym_id THEN 'wrong-team'
      WHEN c.channel_gym_id IS DISTINCT FROM r.gym_id::text THEN 'team-metadata-mismatch'
      WHEN c.has_legacy_members THEN 'legacy-member-ids'
      WHEN c.member_users IS DISTINCT FROM (
        SELECT coalesce(string_agg(m.user_id::text, ',' ORDER BY m.user_id), '') FROM chat_room_members m WHERE m.room_id = r.id
      ) THEN 'member-mismatch'
      ELSE 'synced'
    END AS kind,
    coalesce(c.channel_id, r.stream_channel_id) AS channel_id,
    coalesce(r.gym_id, c.team_gym_id, CASE WHEN c.channel_gym_id ~ '^[1-9][0-9]{0,17}$' THEN c.channel_gym_id::bigint END)
      AS gym_id,
    r.id AS room_id,
    c.cid,
    c.team,
    c.channel_gym_id,
    c.event_id,
    coalesce(c.member_users, '') AS member_users
  FROM ${channels} c
  FULL JOIN chat_rooms r ON r.stream_channel_id = c.channel_id
) findings`;
}
