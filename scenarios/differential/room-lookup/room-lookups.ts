/**
 * Three ways an actor finds a room's Stream channel and its row, given the channel id. The first
 * is what the gym app does; the other two are the shapes incident D's rewrite had in 12 places
 * (a full listing where a key was at hand), kept here as mutants for no-remote-full-scan.
 */
import { StreamChat } from 'stream-chat';
import type { Actor, ActorEnv } from 'syncsim';

export const API_KEY = 'room-lookup-key';
export const API_SECRET = 'room-lookup-secret';
export const STREAM_URL = 'https://chat.stream-io-api.test';
/** The page size of the scanning lookup (Stream's default is 10 as well). */
const PAGE = 10;

export type RoomLookup = (env: ActorEnv, stream: StreamChat, channelId: string) => Promise<string | undefined>;

/** By key: one QueryChannels on the cid, one row by its unique stream_channel_id. */
export const lookupById: RoomLookup = async (env, stream, channelId) => {
  const [channel] = await stream.queryChannels({ cid: `messaging:${channelId}` }, {}, { limit: 1, state: false });
  if (!channel) return undefined;
  const { rows } = await env.db.query<{ name: string }>('SELECT name FROM chat_rooms WHERE stream_channel_id = $1', [
    channelId,
  ]);
  return rows[0]?.name;
};

/** Mutant: pages through every channel of the app and picks the one with the id. */
export const lookupByScanningChannels: RoomLookup = async (env, stream, channelId) => {
  let found = false;
  for (let offset = 0; ; offset += PAGE) {
    const page = await stream.queryChannels(
      { type: 'messaging' },
      { created_at: 1 },
      { limit: PAGE, offset, state: false },
    );
    found ||= page.some((channel) => channel.id === channelId);
    if (page.length < PAGE) break;
  }
  if (!found) return undefined;
  const { rows } = await env.db.query<{ name: string }>('SELECT name FROM chat_rooms WHERE stream_channel_id = $1', [
    channelId,
  ]);
  return rows[0]?.name;
};

/** Mutant: the channel by key, but the row by its name, a column no index covers. */
export const lookupByUnindexedName: RoomLookup = async (env, stream, channelId) => {
  const [channel] = await stream.queryChannels({ cid: `messaging:${channelId}` }, {}, { limit: 1, state: false });
  if (!channel) return undefined;
  const { rows } = await env.db.query<{ name: string }>('SELECT name FROM chat_rooms WHERE name = $1', [
    (channel.data as { name?: string } | undefined)?.name ?? '',
  ]);
  return rows[0]?.name;
};

export function lookupActor(name: string, lookup: RoomLookup, channelId: string): Actor {
  return {
    name,
    async run(env) {
      const stream = env.gateStream(new StreamChat(API_KEY, API_SECRET, { baseURL: STREAM_URL, disableCache: true }));
      return (await lookup(env, stream, channelId)) ?? null;
    },
  };
}
