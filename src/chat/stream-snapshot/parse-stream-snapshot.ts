/**
 * Reads a parsed JSON document as a StreamSnapshot, or names the first field that is wrong
 * (`stream.channels[3].members[0].user_id is not a string`): a malformed file must be refused
 * before anything starts, with a line the operator can act on, not fail half way into a load.
 */
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_TABLES,
  SNAPSHOT_VERSION,
  type SnapshotTable,
  type StreamSnapshot,
} from './stream-snapshot.ts';

export type ParsedSnapshot = { readonly snapshot: StreamSnapshot } | { readonly problem: string };

class Malformed extends Error {}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function object(value: unknown, path: string): Json {
  if (!isObject(value)) throw new Malformed(`${path} is not an object`);
  return value;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new Malformed(`${path} is not an array`);
  return value;
}

function string(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new Malformed(`${path} is not a string`);
  return value;
}

function nonEmpty(value: unknown, path: string): string {
  if (string(value, path) === '') throw new Malformed(`${path} is empty`);
  return value as string;
}

function instant(value: unknown, path: string): string {
  if (Number.isNaN(Date.parse(string(value, path)))) throw new Malformed(`${path} is not an ISO instant`);
  return value as string;
}

function checkUser(value: unknown, path: string): void {
  const user = object(value, path);
  nonEmpty(user.id, `${path}.id`);
  string(user.role, `${path}.role`);
  array(user.teams, `${path}.teams`).forEach((team, i) => string(team, `${path}.teams[${i}]`));
  if (user.custom !== undefined) object(user.custom, `${path}.custom`);
}

function checkMessage(value: unknown, path: string): void {
  const message = object(value, path);
  nonEmpty(message.id, `${path}.id`);
  nonEmpty(message.user_id, `${path}.user_id`);
  string(message.type, `${path}.type`);
  instant(message.created_at, `${path}.created_at`);
  if (message.text === undefined) {
    const length = message.text_length;
    if (length === undefined) throw new Malformed(`${path} has neither text nor text_length`);
    if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0)
      throw new Malformed(`${path}.text_length is not a length (a whole number >= 0)`);
  } else {
    string(message.text, `${path}.text`);
    if (message.text_length !== undefined) throw new Malformed(`${path} has both text and text_length`);
  }
}

function checkChannel(value: unknown, path: string): void {
  const channel = object(value, path);
  nonEmpty(channel.type, `${path}.type`);
  nonEmpty(channel.id, `${path}.id`);
  if (channel.team !== null) string(channel.team, `${path}.team`);
  nonEmpty(channel.created_by_id, `${path}.created_by_id`);
  instant(channel.created_at, `${path}.created_at`);
  object(channel.custom, `${path}.custom`);
  array(channel.members, `${path}.members`).forEach((member, i) => {
    const at = `${path}.members[${i}]`;
    nonEmpty(object(member, at).user_id, `${at}.user_id`);
    string((member as Json).channel_role, `${at}.channel_role`);
  });
  array(channel.messages, `${path}.messages`).forEach((message, i) => checkMessage(message, `${path}.messages[${i}]`));
}

function checkTables(value: unknown): void {
  const tables = object(value, 'tables');
  for (const name of Object.keys(tables))
    if (!(name in SNAPSHOT_TABLES))
      throw new Malformed(
        `tables.${name} is not a table a snapshot holds (${Object.keys(SNAPSHOT_TABLES).join(', ')})`,
      );
  for (const [name, columns] of Object.entries(SNAPSHOT_TABLES) as [SnapshotTable, readonly string[]][]) {
    array(tables[name], `tables.${name}`).forEach((row, i) => {
      const at = `tables.${name}[${i}]`;
      for (const [column, cell] of Object.entries(object(row, at))) {
        if (!columns.includes(column)) throw new Malformed(`${at}.${column} is not a column of ${name}`);
        if (cell !== null && !['string', 'number', 'boolean'].includes(typeof cell))
          throw new Malformed(`${at}.${column} is not a string, number, boolean or null`);
      }
    });
  }
}

export function parseStreamSnapshot(value: unknown): ParsedSnapshot {
  try {
    const document = object(value, 'the snapshot');
    if (document.format !== SNAPSHOT_FORMAT) throw new Malformed(`format is not '${SNAPSHOT_FORMAT}'`);
    if (document.version !== SNAPSHOT_VERSION)
      throw new Malformed(
        `version ${JSON.stringify(document.version)} is not ${SNAPSHOT_VERSION} (the one this syncsim reads)`,
      );
    const gym = object(document.scope, 'scope').gym_id;
    if (gym !== null && (typeof gym !== 'number' || !Number.isSafeInteger(gym) || gym < 1))
      throw new Malformed('scope.gym_id is not a gym id or null');
    checkTables(document.tables);
    const stream = object(document.stream, 'stream');
    array(stream.users, 'stream.users').forEach((user, i) => checkUser(user, `stream.users[${i}]`));
    array(stream.channels, 'stream.channels').forEach((channel, i) => checkChannel(channel, `stream.channels[${i}]`));
    return { snapshot: document as unknown as StreamSnapshot };
  } catch (error) {
    if (error instanceof Malformed) return { problem: error.message };
    throw error;
  }
}
