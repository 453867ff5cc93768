/**
 * `syncsim/fakes/stream`: the Stream Chat fake as a scenario author uses it - the fake and its
 * store, its msw handlers, webhooks (to a fixed target, or wherever the app settings say), the
 * world builder, the standalone server, and the record shapes invariants read. Query matching,
 * rate limiting and token checks stay behind this file.
 */
export { StreamFake, type StreamFakeOptions } from './stream-fake.ts';
export { StreamStore, type StreamStoreOptions, type StoreEvent, type StreamSnapshot } from './stream-store.ts';
export { renderEvent } from './stream-responses.ts';
export type {
  ChannelRecord,
  MemberRecord,
  MessageRecord,
  UserRecord,
  TaskRecord,
  StreamEvent,
} from './stream-records.ts';
export { streamHandlers, DEFAULT_BASE_URL, type StreamHandlerOptions } from './stream-handlers.ts';
export {
  StreamWebhooks,
  type StreamWebhooksOptions,
  type WebhookDelivery,
  type WebhookHandler,
} from './stream-webhooks.ts';
export {
  AppSettings,
  type AppSettingsPatch,
  type EventHook,
  type EventHookInput,
  type WebhookTarget,
} from './app-settings.ts';
export { AppWebhooks, type AppWebhooksOptions } from './app-webhooks.ts';
export { buildStreamWorld, type StreamWorld, type StreamWorldOptions } from './build-stream-world.ts';
export { streamEndpointOf } from './stream-endpoints.ts';
export { RATE_LIMIT_WINDOW_MS } from './rate-limiter.ts';
export { serveStream, type ServeStreamOptions, type StreamServer } from './serve-stream.ts';
// For a test that signs its own requests as a server-side SDK would.
export { signServerToken } from './verify-server-token.ts';
