/**
 * Stream's webhooks: each event the store emits (message.new, channel.created/updated/deleted
 * by default) is POSTed as JSON to a URL or an in-process handler, signed with
 * `X-Signature` = hex HMAC-SHA256 of the exact body bytes keyed with the app secret, with
 * `X-Webhook-Id` (stable across retries), `X-Webhook-Attempt` (from 1) and `X-Api-Key`.
 * A non-2xx answer or a thrown error is retried, up to `maxAttempts`.
 *
 * With a gate, every delivery attempt is its own gated operation (actor `stream-webhooks`,
 * operation `webhook <type>`), so deliveries race the actors as the scheduler decides and are
 * recorded in the history. Faults for an attempt: connection-reset (not delivered, retried),
 * response-lost (delivered, but Stream sees a failure and retries: a duplicate delivery with
 * the same id), http-latency (clock advances). Without a gate, delivery starts on the next
 * microtask. `settled()` resolves once nothing is pending.
 */
import { createHmac } from 'node:crypto';
import type { HttpFault } from '../fault-kinds.ts';
import type { FaultSource, IoGate } from '../io-gate.ts';
import type { StreamEvent } from './stream-records.ts';
import { renderEvent } from './stream-responses.ts';
import type { StreamFake } from './stream-fake.ts';

export type WebhookHandler = (request: Request) => Response | Promise<Response>;

export interface StreamWebhooksOptions {
  /** Where to deliver: a URL (real HTTP through fetch) or an in-process handler. */
  url?: string;
  handler?: WebhookHandler;
  /** Event types to deliver (default message.new and channel.created/updated/deleted). */
  eventTypes?: readonly StreamEvent['type'][];
  maxAttempts?: number;
  gate?: IoGate;
  faults?: FaultSource;
  clock?: { advance(ms: number): void };
  actor?: string;
}

export interface WebhookDelivery {
  id: string;
  type: string;
  attempt: number;
  outcome: 'delivered' | 'failed';
  status?: number;
  error?: string;
}

export const WEBHOOK_FAULTS = [
  'connection-reset',
  'response-lost',
  'http-latency',
] as const satisfies readonly HttpFault[];
const DEFAULT_TYPES: readonly StreamEvent['type'][] = [
  'message.new',
  'channel.created',
  'channel.updated',
  'channel.deleted',
];

export class StreamWebhooks {
  readonly deliveries: WebhookDelivery[] = [];
  /** Events that exhausted their attempts. */
  readonly dropped: Array<{ id: string; type: string }> = [];
  readonly #fake: StreamFake;
  readonly #options: StreamWebhooksOptions;
  readonly #pending = new Set<Promise<void>>();
  readonly #unsubscribe: () => void;

  constructor(fake: StreamFake, options: StreamWebhooksOptions) {
    if (!options.url && !options.handler) throw new Error('StreamWebhooks needs a url or a handler');
    this.#fake = fake;
    this.#options = options;
    const types = new Set(options.eventTypes ?? DEFAULT_TYPES);
    this.#unsubscribe = fake.store.onEvent((event) => {
      // Rendered as it happens, so the payload shows the state of that moment.
      if (types.has(event.type)) this.#enqueue(renderEvent(fake.store, event));
    });
  }

  /** The signature Stream puts in X-Signature for `body`. */
  static sign(body: string, secret: string): string {
    return createHmac('sha256', secret).update(body).digest('hex');
  }

  /** Resolves when every delivery (and retry) started so far has finished. */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  stop(): void {
    this.#unsubscribe();
  }

  #enqueue(event: StreamEvent): void {
    const id = this.#fake.store.nextUuid();
    const body = JSON.stringify(event.payload);
    const run = async () => {
      await Promise.resolve();
      const max = this.#options.maxAttempts ?? 3;
      for (let attempt = 1; attempt <= max; attempt++) {
        if (await this.#attempt(id, event.type, body, attempt)) return;
      }
      this.dropped.push({ id, type: event.type });
    };
    const pending: Promise<void> = run().finally(() => this.#pending.delete(pending));
    this.#pending.add(pending);
  }

  async #attempt(id: string, type: string, body: string, attempt: number): Promise<boolean> {
    const operation = `webhook ${type}`;
    const actor = this.#options.actor ?? 'stream-webhooks';
    const send = async (): Promise<number> => {
      const fault = this.#options.faults?.decide(WEBHOOK_FAULTS, actor, operation);
      if (fault === 'connection-reset') throw new Error('ECONNRESET webhook connection reset');
      if (fault === 'http-latency') this.#options.clock?.advance(this.#options.faults!.latency());
      const status = await this.#post(id, body, attempt);
      if (fault === 'response-lost') throw new Error('ECONNRESET webhook response lost');
      if (status < 200 || status >= 300) throw new Error(`webhook endpoint answered ${status}`);
      return status;
    };
    try {
      const status = this.#options.gate
        ? await this.#options.gate.run(
            { actor, system: 'stream', operation, args: { webhook_id: id, attempt } },
            send,
            { summarize: (s) => ({ status: s }) },
          )
        : await send();
      this.deliveries.push({ id, type, attempt, outcome: 'delivered', status });
      return true;
    } catch (error) {
      this.deliveries.push({
        id,
        type,
        attempt,
        outcome: 'failed',
        error: error instanceof Error ? error.message : String(error),
      });
      return false;
    }
  }

  async #post(id: string, body: string, attempt: number): Promise<number> {
    const headers = {
      'Content-Type': 'application/json',
      'X-Webhook-Id': id,
      'X-Webhook-Attempt': String(attempt),
      'X-Api-Key': this.#fake.apiKey,
      'X-Signature': StreamWebhooks.sign(body, this.#fake.apiSecret),
    };
    const request = new Request(this.#options.url ?? 'http://webhook.in-process/', { method: 'POST', headers, body });
    const response = this.#options.handler ? await this.#options.handler(request) : await fetch(request);
    await response.arrayBuffer().catch(() => undefined);
    return response.status;
  }
}
