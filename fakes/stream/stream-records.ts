/**
 * The fake's state as plain records. Custom data is kept apart from built-in fields so a full
 * update can replace exactly the custom part, and rendered inline at the top level of the JSON
 * (the v1 wire format the SDK reads; see render-stream.ts).
 */
export type Custom = Record<string, unknown>;

export interface UserRecord {
  id: string;
  role: string;
  teams: string[];
  custom: Custom;
  createdAt: number;
  updatedAt: number;
  deletedAt?: number;
  /** Creation order, the tie-breaker of the default sort. */
  seq: number;
}

export interface MemberRecord {
  userId: string;
  channelRole: string;
  custom: Custom;
  createdAt: number;
  updatedAt: number;
}

export interface MessageRecord {
  id: string;
  text: string;
  type: string;
  userId: string;
  cid: string;
  custom: Custom;
  createdAt: number;
  updatedAt: number;
}

export interface ChannelRecord {
  type: string;
  id: string;
  cid: string;
  team?: string;
  createdById: string;
  custom: Custom;
  frozen: boolean;
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
  lastMessageAt?: number;
  deletedAt?: number;
  truncatedAt?: number;
  /** Member-based (distinct) channel: its member set is fixed. */
  distinct: boolean;
  /** Insertion order = most recently added last. */
  members: Map<string, MemberRecord>;
  messages: MessageRecord[];
  seq: number;
}

export type TaskStatus = 'waiting' | 'pending' | 'running' | 'completed' | 'failed';

export interface TaskRecord {
  id: string;
  createdAt: number;
  /** The simulated instant at which the task completes. */
  doneAt: number;
  result: Record<string, { status: string; error?: string }>;
  /** Work done on completion (e.g. purging hard-deleted channels). */
  onComplete?: () => void;
  completed: boolean;
}

/** Every event type the fake emits (a hook subscribed to "all events" gets these). */
export const STREAM_EVENT_TYPES = [
  'message.new',
  'channel.created',
  'channel.updated',
  'channel.deleted',
  'channel.truncated',
  'member.added',
  'member.removed',
] as const;

/** An event the fake emits for webhooks (payload already rendered). */
export interface StreamEvent {
  type: (typeof STREAM_EVENT_TYPES)[number];
  payload: Record<string, unknown>;
}
