/**
 * Which Stream endpoint (the name its rate limits and error messages use) a request of the
 * history is: the history names requests by method and path template (gate-stream-client.ts),
 * the rate limiter by endpoint. The same routes as stream-handlers.ts.
 */
const ENDPOINTS: Readonly<Record<string, string>> = {
  'GET /app': 'GetApp',
  'PATCH /app': 'UpdateApp',
  'POST /users': 'UpdateUsers',
  'PATCH /users': 'UpdateUsersPartial',
  'GET /users': 'QueryUsers',
  'POST /users/delete': 'DeleteUsers',
  'DELETE /users/{id}': 'DeleteUser',
  'POST /channels': 'QueryChannels',
  'POST /channels/delete': 'DeleteChannels',
  'GET /tasks/{id}': 'GetTask',
  'POST /channels/{type}/query': 'GetOrCreateChannel',
  'POST /channels/{type}/{id}/query': 'GetOrCreateChannel',
  'POST /channels/{type}/{id}/message': 'SendMessage',
  'POST /channels/{type}/{id}/truncate': 'TruncateChannel',
  'POST /channels/{type}/{id}': 'UpdateChannel',
  'PATCH /channels/{type}/{id}': 'UpdateChannelPartial',
  'DELETE /channels/{type}/{id}': 'DeleteChannel',
};

/** `POST /channels/{type}/{id}` -> `UpdateChannel`; undefined for a request Stream does not serve. */
export function streamEndpointOf(operation: string): string | undefined {
  return ENDPOINTS[operation];
}
