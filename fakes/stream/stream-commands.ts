/**
 * What the store's operations take: Stream's requests already parsed into typed values
 * (stream-requests.ts does that in the handler layer). Shapes, charsets and limits a request can
 * be checked for on its own are checked there; what depends on the state (does the user exist,
 * is the channel distinct, is the message id taken) is the store's.
 */
import type { StreamError } from './stream-error.ts';
import type { Custom, MemberRecord } from './stream-records.ts';

export type MemberInput = Omit<MemberRecord, 'createdAt' | 'updatedAt'>;
export type SortField = { field: string; direction: number };

export interface UserInput {
  id: string;
  role?: string;
  teams?: string[];
  custom: Custom;
}

export interface UserPatch {
  id: string;
  set: Custom;
  unset: string[];
}

export interface UserQuery {
  filter: unknown;
  sort: SortField[];
  limit: number;
  offset: number;
  includeDeactivated: boolean;
}

export interface DeleteUsersInput {
  ids: string[];
  /** user: 'hard' or 'pruning' purge the users once the task completes. */
  hard: boolean;
}

/** A channel's `data` on create (ignored when the channel exists, as Stream does). */
export interface ChannelData {
  members: MemberInput[];
  /** The creator, or why the request names none (an error only when the channel is created). */
  createdBy: string | StreamError;
  team?: string;
  frozen?: boolean;
  disabled?: boolean;
  /** Custom fields; their size is checked when the channel is created. */
  custom: Custom;
}

export interface GetOrCreateChannel {
  type: string;
  /** The given id, or the member-based id of a distinct channel. */
  id: string;
  distinct: boolean;
  data: ChannelData;
}

/** A message as sent: the store assigns an id when there is none and refuses a taken one. */
export interface MessageInput {
  id?: string;
  text: string;
  type: string;
  userId: string;
  custom: Custom;
}

export interface ChannelUpdate {
  add: MemberInput[];
  remove: string[];
  /** A full update of the channel's data: custom fields replaced, built-in ones set when given. */
  data?: { custom: Custom; team?: string; frozen?: boolean; disabled?: boolean };
  message?: MessageInput;
}

export interface ChannelPatch {
  set: Custom;
  unset: string[];
}

export interface TruncateInput {
  /** Messages at or before this instant go; default now. */
  truncatedAt?: number;
  message?: MessageInput;
}

export interface ChannelQuery {
  filter: unknown;
  sort: SortField[];
  limit: number;
  offset: number;
  memberLimit: number;
  messageLimit: number;
}
