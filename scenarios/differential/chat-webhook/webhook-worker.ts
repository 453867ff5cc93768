/**
 * Stream delivering message.new webhooks to the gym app's endpoint: each worker posts its share
 * of the deliveries in order, signed as Stream signs them, and returns what the endpoint
 * answered to each (a thrown error is what Stream sees as a 5xx: recorded, the worker goes on).
 * What the workers return is part of what `syncsim diff` compares.
 */
import { createHmac } from 'node:crypto';
import { StreamChat } from 'stream-chat';
import type { Actor } from 'syncsim';
import type {
  StreamWebhookDeps,
  StreamWebhookRequest,
  StreamWebhookResult,
} from '../../../src/chat/handle-stream-webhook.ts';

export const API_KEY = 'gym-app-key';
export const API_SECRET = 'gym-app-secret';
const STREAM_URL = 'https://chat.stream-io-api.test';

export type WebhookHandler = (deps: StreamWebhookDeps, request: StreamWebhookRequest) => Promise<StreamWebhookResult>;

export interface Delivery {
  webhookId: string;
  rawBody: string;
}

export function signedDelivery(webhookId: string, body: unknown): Delivery {
  return { webhookId, rawBody: JSON.stringify(body) };
}

export function webhookWorker(name: string, handler: WebhookHandler, deliveries: readonly Delivery[]): Actor {
  return {
    name,
    async run(env) {
      // Every channel of this scenario has its room, so the handler never asks Stream; it still
      // gets a real client under the gate, as production passes one.
      const stream = env.gateStream(new StreamChat(API_KEY, API_SECRET, { baseURL: STREAM_URL, disableCache: true }));
      const answers: string[] = [];
      for (const delivery of deliveries) {
        const headers: Record<string, string> = {
          'x-webhook-id': delivery.webhookId,
          'x-signature': createHmac('sha256', API_SECRET).update(delivery.rawBody).digest('hex'),
        };
        try {
          const result = await handler(
            { db: env.db, stream, secret: API_SECRET },
            { rawBody: delivery.rawBody, header: (h) => headers[h.toLowerCase()] },
          );
          answers.push(`${delivery.webhookId} ${result.status} ${result.outcome}`);
        } catch (error) {
          answers.push(`${delivery.webhookId} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return answers;
    },
  };
}
