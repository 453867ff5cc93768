/**
 * Stream's side of the webhooks: every message.new the store emits (once the world is built) is
 * rendered as Stream renders it at that moment, signed like Stream signs it (hex HMAC-SHA256 of
 * the raw body, keyed with the app secret: StreamWebhooks.sign) and kept under one X-Webhook-Id
 * that every retry and duplicate reuses. The webhook workers (webhook-actor.ts) deliver from
 * `pending`; a delivery leaves it once Stream saw a 2xx. Which deliveries certainly had their
 * effect (the handler answered processed / room-created) is recorded for webhook-exactly-once.
 */
import { renderEvent, StreamWebhooks, type StreamFake } from 'syncsim/fakes/stream';

export interface Delivery {
  webhookId: string;
  rawBody: string;
  signature: string;
  messageId: string;
  channelId: string;
}

export class WebhookOutbox {
  readonly deliveries = new Map<string, Delivery>();
  /** Webhook ids Stream has not seen a 2xx for, in the order they were emitted. */
  readonly pending = new Set<string>();
  /** Webhook ids a worker is delivering right now: what Stream's timeout retry picks up. */
  readonly inFlight = new Set<string>();
  /** Webhook ids a handler answered processed or room-created for: their effect happened. */
  readonly effective = new Set<string>();
  /** Messages sent by a user who had seen the channel's room committed first. */
  readonly sentToExistingRoom = new Set<string>();
  #open = false;

  constructor(fake: StreamFake) {
    fake.store.onEvent((event) => {
      if (!this.#open || event.type !== 'message.new') return;
      const rawBody = JSON.stringify(renderEvent(fake.store, event).payload);
      const webhookId = `wh-${event.message.id}`;
      this.deliveries.set(webhookId, {
        webhookId,
        rawBody,
        signature: StreamWebhooks.sign(rawBody, fake.apiSecret),
        messageId: event.message.id,
        channelId: event.channel.id,
      });
      this.pending.add(webhookId);
    });
  }

  /** From now on messages are news: the history seeded before the case is not delivered. */
  open(): void {
    this.#open = true;
  }

  webhookIdOf(messageId: string): string {
    return `wh-${messageId}`;
  }
}
