// Stream channel ids of the gym app: direct chats `direct_{a}_{b}` (two user ids, in canonical
// order so both members name the same channel), group rooms `room_{name}_{n}` (legacy) and
// `room_{g}_{roomId}` (multi-tenant), and event chats `event_{eventId}_{suffix}`.
// Stream allows letters, digits, `_` and `-` in a channel id and at most 64 characters. An id
// that would be longer gets a deterministic short form: the kind's prefix and a 128-bit hash of
// the full id. Never a truncation, which can make two long ids collide; the short form is
// recognised but cannot be parsed back (the members of such a channel come from Stream).
import { createHash } from 'node:crypto';
import { formatStreamUserId, parseStreamUserId, type StreamUserId } from './stream-user-id.ts';

export const maxChannelIdLength = 64;

export type StreamChannelId =
  | { readonly kind: 'direct'; readonly members: readonly [StreamUserId, StreamUserId] }
  | { readonly kind: 'legacy-room'; readonly name: string; readonly number: number }
  | { readonly kind: 'room'; readonly gymId: number; readonly roomId: number }
  | { readonly kind: 'event'; readonly eventId: number; readonly suffix: string }
  /** The short form of an id that would exceed 64 characters: only its kind and hash are known. */
  | { readonly kind: 'hashed'; readonly of: 'direct' | 'room' | 'event'; readonly hash: string };

/** A channel id this app formats (every kind but the short form). */
export type FullChannelId = Exclude<StreamChannelId, { kind: 'hashed' }>;

const userIdPattern = '((?:gym_[1-9]\\d*_)?user_[1-9]\\d*)';
const directPattern = new RegExp(`^direct_${userIdPattern}_${userIdPattern}$`);
const roomPattern = /^room_([1-9]\d*)_([1-9]\d*)$/;
// A legacy room's name has at least one non-digit, which keeps it apart from room_{g}_{roomId};
// it may hold underscores (the number is what follows the last one).
const legacyName = '[A-Za-z0-9_-]*[A-Za-z-][A-Za-z0-9_-]*';
const legacyNamePattern = new RegExp(`^${legacyName}$`);
const legacyRoomPattern = new RegExp(`^room_(${legacyName})_([1-9]\\d*)$`);
const eventPattern = /^event_([1-9]\d*)_([A-Za-z0-9-]+)$/;
const hashedPattern = /^(direct|room|event)_h_([0-9a-f]{32})$/;
const allowed = /^[A-Za-z0-9_-]+$/;

function safe(text: string): number | undefined {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Sorts the two members so that either one can name the channel: by user id, then gym. */
export function canonicalMembers(a: StreamUserId, b: StreamUserId): readonly [StreamUserId, StreamUserId] {
  const gymOf = (id: StreamUserId): number => (id.kind === 'tenant' ? id.gymId : 0);
  const before = a.userId !== b.userId ? a.userId < b.userId : gymOf(a) <= gymOf(b);
  return before ? [a, b] : [b, a];
}

/** The id before shortening (may exceed 64 characters). */
export function fullChannelId(id: FullChannelId): string {
  switch (id.kind) {
    case 'direct': {
      const [a, b] = canonicalMembers(id.members[0], id.members[1]);
      return `direct_${formatStreamUserId(a)}_${formatStreamUserId(b)}`;
    }
    case 'legacy-room':
      if (!legacyNamePattern.test(id.name))
        throw new Error(`room name ${JSON.stringify(id.name)} needs a letter or '-'`);
      return `room_${id.name}_${id.number}`;
    case 'room':
      return `room_${id.gymId}_${id.roomId}`;
    case 'event':
      if (!/^[A-Za-z0-9-]+$/.test(id.suffix))
        throw new Error(`event suffix ${JSON.stringify(id.suffix)} is not [A-Za-z0-9-]+`);
      return `event_${id.eventId}_${id.suffix}`;
  }
}

/** The id Stream stores for this channel: the full form, or its short form past 64 characters. */
export function formatStreamChannelId(id: StreamChannelId): string {
  if (id.kind === 'hashed') return `${id.of}_h_${id.hash}`;
  const full = fullChannelId(id);
  if (!allowed.test(full)) throw new Error(`channel id ${JSON.stringify(full)} has characters Stream refuses`);
  if (full.length <= maxChannelIdLength) return full;
  const of = id.kind === 'legacy-room' ? 'room' : id.kind;
  return `${of}_h_${createHash('sha256').update(full).digest('hex').slice(0, 32)}`;
}

export function parseStreamChannelId(id: string): StreamChannelId | undefined {
  if (id.length > maxChannelIdLength || !allowed.test(id)) return undefined;
  const hashed = hashedPattern.exec(id);
  if (hashed) return { kind: 'hashed', of: hashed[1] as 'direct' | 'room' | 'event', hash: hashed[2]! };
  const direct = directPattern.exec(id);
  if (direct) {
    const a = parseStreamUserId(direct[1]!);
    const b = parseStreamUserId(direct[2]!);
    if (!a || !b) return undefined;
    const members = canonicalMembers(a, b);
    // Only the canonical order is this app's id; the other order is some other code's channel.
    return members[0] === a ? { kind: 'direct', members } : undefined;
  }
  const room = roomPattern.exec(id);
  if (room) {
    const gymId = safe(room[1]!);
    const roomId = safe(room[2]!);
    return gymId === undefined || roomId === undefined ? undefined : { kind: 'room', gymId, roomId };
  }
  const legacy = legacyRoomPattern.exec(id);
  if (legacy) {
    const number = safe(legacy[2]!);
    return number === undefined ? undefined : { kind: 'legacy-room', name: legacy[1]!, number };
  }
  const event = eventPattern.exec(id);
  if (event) {
    const eventId = safe(event[1]!);
    return eventId === undefined ? undefined : { kind: 'event', eventId, suffix: event[2]! };
  }
  return undefined;
}
