/**
 * Validation of request input, shared by the store's operations: shapes, limits and Stream's
 * exact error texts (all code 4 input errors). Pure functions: no state, no clock.
 */
import { createHash } from 'node:crypto';
import type { Custom, MemberRecord } from './stream-records.ts';
import { inputError } from './stream-error.ts';

type Json = Record<string, unknown>;

export const MAX_CUSTOM_BYTES = 5 * 1024;
const ID_RE = /^[\w!-]+$/;
const CHANNEL_BUILT_IN = new Set([
  'id',
  'type',
  'cid',
  'created_at',
  'updated_at',
  'deleted_at',
  'last_message_at',
  'created_by',
  'created_by_id',
  'members',
  'member_count',
  'config',
  'own_capabilities',
  'team',
  'frozen',
  'disabled',
  'truncated_at',
  'truncated_by_id',
  'invites',
  'filter_tags',
  'config_overrides',
  'cooldown',
]);

export function asObject(value: unknown, name: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw inputError(`${name} must be an object`);
  return value as Json;
}

export function asStringList(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    throw inputError(`${name} must be a list of strings`);
  return value;
}

export function checkTeams(value: unknown): void {
  const teams = asStringList(value, 'teams');
  if (teams.length > 250) throw inputError('teams must contain 250 or fewer items');
  for (const team of teams)
    if (Buffer.byteLength(team) > 100) throw inputError(`team name "${team}" is longer than 100 bytes`);
}

/** Exactly one of `<obj>` (`{id}`) and `<obj>_id`: Stream's server-side creator/sender rule. */
export function creatorOf(
  data: Json,
  label: string,
  when: string,
  objKey = 'created_by',
  idKey = 'created_by_id',
): string {
  const obj = data[objKey];
  const id = data[idKey];
  const hasObj = obj !== undefined && obj !== null;
  const hasId = id !== undefined && id !== null && id !== '';
  if (hasObj && hasId) throw inputError(`cannot set both ${label} and ${label}_id.`);
  if (!hasObj && !hasId) throw inputError(`either ${label} or ${label}_id must be provided ${when}.`);
  const value = hasId ? id : (obj as Json).id;
  if (typeof value !== 'string' || value === '') throw inputError(`${label}.id must be a non-empty string`);
  return value;
}

export function parseMembers(value: unknown, name: string): Array<Omit<MemberRecord, 'createdAt' | 'updatedAt'>> {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw inputError(`${name} must be a list`);
  return value.map((item) => {
    if (typeof item === 'string') return { userId: item, channelRole: 'channel_member', custom: {} };
    const obj = asObject(item, name);
    if (typeof obj.user_id !== 'string') throw inputError(`${name}[].user_id is required`);
    const { user_id, channel_role, user: _user, ...custom } = obj;
    return { userId: user_id, channelRole: typeof channel_role === 'string' ? channel_role : 'channel_member', custom };
  });
}

export function checkChannelType(type: string): void {
  if (type.length === 0 || type.length > 64 || !/^[\w-]+$/.test(type))
    throw inputError(`channel type "${type}" is invalid: at most 64 letters, digits, "_" or "-"`);
}

export function checkChannelId(id: string): void {
  if (id.includes('!')) throw inputError("Cannot create a channel with a '!' in the ID, this is a reserved character.");
  if (id.length === 0 || id.length > 64 || !ID_RE.test(id))
    throw inputError(`channel id "${id}" is invalid: at most 64 letters, digits, "_" or "-"`);
}

/** A channel's custom fields (everything that is not built in), not yet checked for size. */
export function channelCustomFields(data: Json): Custom {
  const custom: Custom = {};
  for (const [k, v] of Object.entries(data)) if (!CHANNEL_BUILT_IN.has(k)) custom[k] = v;
  return custom;
}

export function channelCustom(data: Json): Custom {
  const custom = channelCustomFields(data);
  checkCustomSize(custom);
  return custom;
}

export function checkCustomSize(custom: Custom): void {
  if (JSON.stringify(custom).length > MAX_CUSTOM_BYTES) throw inputError('channel custom data is larger than 5KB');
}

export function checkSort(value: unknown): Array<{ field: string; direction: number }> {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw inputError('sort must be a list of {field, direction}');
  if (value.length > 5) throw inputError('sort must contain 5 or fewer fields');
  return value.map((item: unknown) => {
    const { field, direction } = asObject(item, 'sort[]');
    if (typeof field !== 'string' || field === '') throw inputError('sort[].field must be a non-empty string');
    if (direction !== 1 && direction !== -1) throw inputError(`sort direction of ${field} must be 1 or -1`);
    return { field, direction };
  });
}

export function checkRange(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw inputError(`${name} must be an integer`);
  if (value < min) throw inputError(`${name} must be ${min} or greater`);
  if (value > max) throw inputError(`${name} must be ${max} or less`);
  return value;
}

/** Member-based (distinct) channel id: stable for a member set, prefixed as Stream does. */
export function distinctId(members: string[]): string {
  return `!members-${createHash('sha256')
    .update([...members].sort().join(','))
    .digest('base64url')
    .slice(0, 43)}`;
}
