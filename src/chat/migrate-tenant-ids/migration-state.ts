// What the planner needs to know, read from Postgres (the gym's rooms and the users chatting in
// them) and from Stream (each room's channel, and which multi-tenant users already exist): plain
// data, so planning is a pure function a test can call without a network.
import type { ListedChannel } from '../listed-channel.ts';

export interface MigrationRoom {
  readonly roomId: number;
  readonly channelId: string;
  /** Users the database says are in the room (chat_room_members). */
  readonly memberUsers: readonly number[];
}

export interface MigrationUser {
  readonly userId: number;
  /** users.name, written to the new Stream user; null when Stream names a user the database lacks. */
  readonly name: string | null;
}

export interface MigrationState {
  readonly gymId: number;
  /** The gym's rooms, by id. */
  readonly rooms: readonly MigrationRoom[];
  /** Every user chatting in the gym: room members in the database and legacy members in Stream, by id. */
  readonly users: readonly MigrationUser[];
  /** The Stream channel of each room that has one, by channel id. */
  readonly channels: ReadonlyMap<string, ListedChannel>;
  /** The teams of each `gym_{g}_user_{u}` that exists in Stream (absent: it does not exist). */
  readonly streamUsers: ReadonlyMap<string, readonly string[]>;
}
