/**
 * The HTTP_ANSWER_FAULTS (fault-kinds.ts) that a Stream client can meet, and how each looks on
 * the wire, as Stream or what sits between the app and Stream would send it:
 * - http-401: Stream's own JSON for an api key it does not know (the key was revoked, or the app
 *   deleted): 401, code 2 (AccessKeyError), `"<Op> failed with error: \"api_key not found\""`,
 *   the body the fake already answers a wrong key with (stream-handlers.ts).
 * - http-403: an egress firewall's HTML block page (a TLS-inspecting proxy in front of the app's
 *   outbound traffic). Not Stream's JSON 403: server-side auth skips permission checks, so
 *   code 17 never answers a whole endpoint, and the reference names code 99 (AppSuspended) with
 *   no body or message to copy; the catalogue's http-403 is "a firewall's page" for MotoPress
 *   too, and one kind should mean one thing across fakes.
 * - http-200-html: a proxy or captive portal answering the API URL with a 200 HTML page.
 * - http-truncated-json, only on a pure read (STREAM_READ_ENDPOINTS): the real answer, status
 *   and headers, its body cut in half (a proxy's buffer or a dropped stream). Every other Stream
 *   request is a write, and a POST query of a channel (get-or-create) creates or recovers it: a
 *   body cut short there would have to apply the write, which an answer fault must not.
 * Not rendered: http-404-no-route, WordPress' `rest_no_route` for a deactivated plugin. Stream
 * has no plugin to deactivate; its 404 is code 16 "does not exist", which is data the fake
 * answers itself when true, and injecting it would claim a channel is gone when it is not.
 */
import type { HttpAnswerFault } from '../fault-kinds.ts';
import { streamErrorBody, StreamError } from './stream-error.ts';

export const STREAM_ANSWER_FAULTS = [
  'http-401',
  'http-403',
  'http-200-html',
  'http-truncated-json',
] as const satisfies readonly HttpAnswerFault[];
export type StreamAnswerFault = (typeof STREAM_ANSWER_FAULTS)[number];

/** Endpoints that only read (server-side, `watch` is always false, so a channel query adds no watcher). */
export const STREAM_READ_ENDPOINTS: ReadonlySet<string> = new Set(['GetApp', 'QueryUsers', 'GetTask', 'QueryChannels']);

/** The fake's answer to a wrong api key, and a revoked key's: one body, so the two cannot drift apart. */
export const unknownApiKey = (): StreamError => new StreamError(401, 2, 'api_key not found');

const html = { 'Content-Type': 'text/html; charset=utf-8' };

/** The answer for one of the faults that need no real answer (`http-truncated-json` does: see the handlers). */
export function answerFaultResponse(fault: Exclude<StreamAnswerFault, 'http-truncated-json'>, op: string): Response {
  switch (fault) {
    case 'http-401':
      return Response.json(streamErrorBody(op, unknownApiKey()), { status: 401 });
    case 'http-403':
      return new Response(
        '<!DOCTYPE html>\n<html><head><title>Access Denied</title></head>\n<body><h1>Access Denied</h1>\n<p>Your request to chat.stream-io-api.com was blocked by the network security policy.</p>\n<p>Contact your network administrator if you believe this is an error.</p></body></html>\n',
        { status: 403, headers: html },
      );
    case 'http-200-html':
      return new Response(
        '<!DOCTYPE html>\n<html><head><title>Network Login</title></head>\n<body><h1>Sign in to continue</h1><form method="post" action="/login"><input name="user"><input name="password" type="password"></form></body></html>\n',
        { status: 200, headers: html },
      );
  }
}

/**
 * `whole` with its body cut in half: a strict prefix of a JSON object never parses. Sent
 * without Content-Length, as a chunked answer whose stream ended early: with the whole
 * length declared, Node's http client fails the request instead (a connection error axios
 * hands the SDK without a body, which is `connection-reset`'s business, not this fault's).
 */
export async function cutShort(whole: Response): Promise<Response> {
  const text = await whole.text();
  const headers = new Headers(whole.headers);
  headers.delete('Content-Length');
  return new Response(text.slice(0, Math.max(1, Math.floor(text.length / 2))), { status: whole.status, headers });
}
