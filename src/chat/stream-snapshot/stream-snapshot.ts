/**
 * The snapshot format of `syncsim snapshot stream` and `syncsim validate-migration --snapshot`
 * (README, "Snapshots"): the gym app's chat tables of a scope and its Stream app's users,
 * channels, members and messages, as one JSON document. Versioned so an old file is refused by
 * name rather than misread. Message texts are personal data: a snapshot holds `text_length`
 * instead of `text` unless it was taken with --keep-text; it never holds a credential.
 */

export const SNAPSHOT_FORMAT = 'syncsim-stream-snapshot';
export const SNAPSHOT_VERSION = 1;

/**
 * The tables a snapshot may hold and their columns, in the order they are loaded (a row's
 * foreign keys point at tables above it). A column outside these is refused when the file is
 * read, before a database is started.
 */
export const SNAPSHOT_TABLES = {
  gyms: ['id', 'name', 'created_at'],
  users: ['id', 'name', 'email', 'created_at'],
  gym_memberships: ['gym_id', 'user_id', 'role', 'created_at'],
  events: ['id', 'gym_id', 'title', 'starts_at', 'ends_at', 'created_at'],
  chat_rooms: ['id', 'gym_id', 'stream_channel_id', 'name', 'kind', 'event_id', 'created_at', 'last_message_at'],
  chat_room_members: ['room_id', 'user_id', 'joined_at'],
  chat_room_unread: ['room_id', 'user_id', 'unread_count'],
} as const satisfies Record<string, readonly string[]>;

export type SnapshotTable = keyof typeof SNAPSHOT_TABLES;
export type SnapshotValue = string | number | boolean | null;
export type SnapshotRow = Readonly<Record<string, SnapshotValue>>;

export interface SnapshotUser {
  readonly id: string;
  readonly role: string;
  readonly teams: readonly string[];
  /** Custom fields (names, phones: personal), only in a snapshot taken with --keep-text. */
  readonly custom?: Readonly<Record<string, unknown>>;
}

export interface SnapshotMember {
  readonly user_id: string;
  readonly channel_role: string;
}

/** Exactly one of `text` (--keep-text) and `text_length`. */
export interface SnapshotMessage {
  readonly id: string;
  readonly user_id: string;
  readonly type: string;
  readonly created_at: string;
  readonly text?: string;
  readonly text_length?: number;
}

export interface SnapshotChannel {
  readonly type: string;
  readonly id: string;
  readonly team: string | null;
  readonly created_by_id: string;
  readonly created_at: string;
  readonly custom: Readonly<Record<string, unknown>>;
  readonly members: readonly SnapshotMember[];
  /** Oldest first. */
  readonly messages: readonly SnapshotMessage[];
}

export interface StreamSnapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly version: typeof SNAPSHOT_VERSION;
  /** What was captured: one gym (its rooms, members, channels of its team) or the whole app (null). */
  readonly scope: { readonly gym_id: number | null };
  readonly tables: { readonly [T in SnapshotTable]: readonly SnapshotRow[] };
  readonly stream: { readonly users: readonly SnapshotUser[]; readonly channels: readonly SnapshotChannel[] };
}
