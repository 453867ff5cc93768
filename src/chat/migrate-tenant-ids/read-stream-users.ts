// The teams of the given Stream users that exist, by id (a user absent from the map does not
// exist). Queried by id in pages of 100, Stream's limit for queryUsers.
import type { StreamChat } from 'stream-chat';

const pageSize = 100;

export async function readStreamUsers(stream: StreamChat, ids: readonly string[]): Promise<Map<string, string[]>> {
  const teams = new Map<string, string[]>();
  const unique = [...new Set(ids)].sort();
  for (let at = 0; at < unique.length; at += pageSize) {
    const page = unique.slice(at, at + pageSize);
    const { users } = await stream.queryUsers({ id: { $in: page } }, { id: 1 }, { limit: pageSize });
    for (const user of users) if (!user.deleted_at) teams.set(user.id, [...(user.teams ?? [])]);
  }
  return teams;
}
