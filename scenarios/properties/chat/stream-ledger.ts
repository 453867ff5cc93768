/**
 * What Stream acknowledged over the whole case, kept outside the store because the store forgets:
 * every message ever created (a channel deleted and created again under the same id starts
 * empty, its old record and messages gone), and when each channel lived, counted in store events
 * (a channel created or deleted during an audit was not there for all of it), and every channel as
 * it was born (channel-born-in-gym). Fed synchronously by
 * the store's own events, so it sees exactly what Stream applied, including a request whose
 * response was lost.
 */
import type { StreamStore } from 'syncsim/fakes/stream';

export interface LedgerMessage {
  id: string;
  cid: string;
  channelId: string;
  userId: string;
  createdAt: number;
}

/** A channel as Stream created it, copied at that instant (the record changes afterwards). */
export interface LedgerBirth {
  seq: number;
  cid: string;
  channelId: string;
  team: string | undefined;
  gymId: unknown;
  createdById: string;
}

export class StreamLedger {
  /** Store events seen so far: the ledger's clock for audit windows. */
  seq = 0;
  /** `seq` when the world was built: what came after is the case's doing. */
  caseFrom = 0;
  readonly messages = new Map<string, LedgerMessage>();
  /** Every channel creation Stream applied, in order (seeded ones included, before caseFrom). */
  readonly births: LedgerBirth[] = [];
  /** Per cid, the spans (in `seq`) during which a channel by that cid was live. */
  readonly #lifetimes = new Map<string, Array<{ from: number; to?: number }>>();

  constructor(store: StreamStore) {
    store.onEvent((event) => {
      this.seq++;
      const { cid } = event.channel;
      if (event.type === 'channel.created') {
        this.births.push({
          seq: this.seq,
          cid,
          channelId: event.channel.id,
          team: event.channel.team,
          gymId: event.channel.custom.gym_id,
          createdById: event.createdById,
        });
        this.#lifetimes.set(cid, [...(this.#lifetimes.get(cid) ?? []), { from: this.seq }]);
      } else if (event.type === 'channel.deleted') {
        const last = this.#lifetimes.get(cid)?.at(-1);
        if (last && last.to === undefined) last.to = this.seq;
      } else if (event.type === 'message.new') {
        const { message } = event;
        this.messages.set(message.id, {
          id: message.id,
          cid,
          channelId: event.channel.id,
          userId: message.userId,
          createdAt: message.createdAt,
        });
      }
    });
  }

  /** Every cid one channel of which was live from `from` to `to` (both in `seq`) without a break. */
  liveThroughoutAll(from: number, to: number): string[] {
    return [...this.#lifetimes.keys()].filter((cid) => this.liveThroughout(cid, from, to));
  }

  /** Whether one channel by this cid was live from `from` to `to` (both in `seq`) without a break. */
  liveThroughout(cid: string, from: number, to: number): boolean {
    return (this.#lifetimes.get(cid) ?? []).some(
      (span) => span.from <= from && (span.to === undefined || span.to > to),
    );
  }
}
