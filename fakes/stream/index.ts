export {
  StreamError,
  streamErrorBody,
  inputError,
  notFound,
  notAllowed,
  authError,
  type StreamErrorBody,
} from './stream-error.ts';
export { StreamStore, type StreamStoreOptions, type StoreEvent, type StreamSnapshot } from './stream-store.ts';
export type * from './stream-commands.ts';
export * from './stream-requests.ts';
export { renderEvent } from './stream-responses.ts';
export type {
  ChannelRecord,
  MemberRecord,
  MessageRecord,
  UserRecord,
  TaskRecord,
  StreamEvent,
} from './stream-records.ts';
export { StreamFake, type StreamFakeOptions } from './stream-fake.ts';
export { streamHandlers, DEFAULT_BASE_URL, FAULT_HEADER, type StreamHandlerOptions } from './stream-handlers.ts';
export { RateLimiter, DEFAULT_RATE_LIMITS, type RateLimitVerdict } from './rate-limiter.ts';
export { verifyServerToken, signServerToken } from './verify-server-token.ts';
export { matchesFilter, type FilterOptions } from './match-filter.ts';
export { gateStreamClient, pathTemplate, type GateStreamClientOptions } from './gate-stream-client.ts';
export {
  StreamWebhooks,
  WEBHOOK_FAULTS,
  type StreamWebhooksOptions,
  type WebhookDelivery,
  type WebhookHandler,
} from './stream-webhooks.ts';
export { buildStreamWorld, type StreamWorld, type StreamWorldOptions } from './build-stream-world.ts';
export { serveStream, type ServeStreamOptions, type StreamServer } from './serve-stream.ts';
