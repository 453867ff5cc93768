/**
 * Webhooks delivered where the app settings say (`fake.app`, set by PATCH /app or at start-up):
 * one StreamWebhooks per target URL, signed and retried as Stream does, rebuilt whenever the
 * settings change. A target with no event types takes every event the fake emits; one listing
 * types takes those of them the fake emits (it does not model e.g. message.updated).
 *
 * Opt-in: the standalone server (serve-stream.ts) runs one; an in-process fake only stores the
 * settings unless a test or scenario starts one, so a simulation's deliveries stay under its
 * gate (pass `gate`/`faults`/`clock` here as to StreamWebhooks).
 */
import type { StreamFake } from './stream-fake.ts';
import { STREAM_EVENT_TYPES, type StreamEvent } from './stream-records.ts';
import { StreamWebhooks, type StreamWebhooksOptions, type WebhookDelivery } from './stream-webhooks.ts';
import type { WebhookTarget } from './app-settings.ts';

export type AppWebhooksOptions = Omit<StreamWebhooksOptions, 'url' | 'handler' | 'eventTypes'>;

export class AppWebhooks {
  readonly #fake: StreamFake;
  readonly #options: AppWebhooksOptions;
  /** Every deliverer started, including replaced ones whose deliveries may still be running. */
  readonly #started: StreamWebhooks[] = [];
  #active: StreamWebhooks[] = [];
  readonly #unsubscribe: () => void;

  constructor(fake: StreamFake, options: AppWebhooksOptions = {}) {
    this.#fake = fake;
    this.#options = options;
    this.#unsubscribe = fake.app.onChange(() => this.#follow());
    this.#follow();
  }

  /** Every delivery attempt so far, to any target. */
  get deliveries(): WebhookDelivery[] {
    return this.#started.flatMap((hooks) => hooks.deliveries);
  }

  /** Resolves when every delivery (and retry) started so far has finished. */
  async settled(): Promise<void> {
    await Promise.all(this.#started.map((hooks) => hooks.settled()));
  }

  /** No new deliveries; those under way finish (see settled()). */
  stop(): void {
    this.#unsubscribe();
    for (const hooks of this.#active) hooks.stop();
    this.#active = [];
  }

  #follow(): void {
    for (const hooks of this.#active) hooks.stop();
    this.#active = this.#fake.app.webhookTargets().flatMap((target) => {
      const eventTypes = typesOf(target);
      if (eventTypes.length === 0) return [];
      const hooks = new StreamWebhooks(this.#fake, { ...this.#options, url: target.url, eventTypes });
      this.#started.push(hooks);
      return [hooks];
    });
  }
}

function typesOf(target: WebhookTarget): StreamEvent['type'][] {
  if (target.eventTypes.length === 0) return [...STREAM_EVENT_TYPES];
  return STREAM_EVENT_TYPES.filter((type) => target.eventTypes.includes(type));
}
