/**
 * What every actor and invariant of properties-chat shares: the Stream fake of the case (on the
 * case's clock, served on the case's msw server), the gyms, users and events the world was built
 * with, the ledger of everything Stream acknowledged, Stream's webhook outbox, and what the audits
 * and the heal phase reported. The export directory of the repairs is the case's session dir.
 */
import { StreamChat } from 'stream-chat';
import type { StreamFake } from 'syncsim/fakes/stream';
import type { AuditReport } from '../../../src/chat/audit-stream.ts';
import type { RepairOutcome } from '../../../src/chat/apply-stream-repair.ts';
import type { ActorEnv, Clock } from 'syncsim';
import type { StreamLedger } from './stream-ledger.ts';
import type { WebhookOutbox } from './webhook-outbox.ts';

export const STREAM_URL = 'https://chat.stream-io-api.test';
export const API_KEY = 'gym-app-key';
export const API_SECRET = 'gym-app-secret';
/** The suffix the gym app puts on every event channel (incident A's event_644_d3d94468). */
export const EVENT_SUFFIX = 'd3d94468';

/** One audit as it ran: its report and its window in store events (the ledger's seq). */
export interface AuditRecord {
  actor: string;
  gymIds: readonly number[] | undefined;
  from: number;
  to: number;
  report: AuditReport;
}

/** One heal round: what apply did, and the state of both sides before and after it. */
export interface HealRound {
  outcomes: readonly RepairOutcome[];
  /** Why the round's repair threw, if it did (with faults off it must not). */
  error?: string;
  before: string;
  after: string;
}

/** What people changed by hand during the case (editor-actor.ts), by channel id: recorded before the change is sent. */
export interface HandEdits {
  /** A moderator added or removed a channel member in Stream's dashboard. */
  members: Set<string>;
  /** A moderator set the channel's team or gym_id to another gym (how room_General_4 was made). */
  gym: Set<string>;
  /** A moderator renamed the channel, or a gym admin renamed its room in the app. */
  names: Set<string>;
}

/** A room createGymRoom reported created, as it returned it. */
export interface MadeRoom {
  actor: string;
  roomId: number;
  channelId: string;
  gymId: number;
  eventId: number | null;
}

export interface ChatWorld {
  fake: StreamFake;
  clock: Clock;
  sessionDir: string;
  gymIds: readonly number[];
  /** Per gym, the users who belong to it. */
  usersOf: ReadonlyMap<number, readonly number[]>;
  /** Events that had a row when the case started. */
  events: ReadonlyArray<{ id: number; gymId: number }>;
  /** Rooms the world seeded (faults included); rooms made during the case are not in it. */
  seededRooms: ReadonlySet<number>;
  ledger: StreamLedger;
  outbox: WebhookOutbox;
  audits: AuditRecord[];
  edits: HandEdits;
  made: MadeRoom[];
  heal: { rounds: HealRound[]; finalAudit?: AuditReport };
}

/** A server-side client on the world's fake, under the actor's gate. */
export function streamClientFor(env: ActorEnv): StreamChat {
  return env.gateStream(new StreamChat(API_KEY, API_SECRET, { baseURL: STREAM_URL, disableCache: true }));
}
