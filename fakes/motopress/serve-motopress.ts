/**
 * Standalone mode: the same MotopressFake and request handling behind a real HTTP server on
 * 127.0.0.1, so apps in other languages (and plain fetch/curl) can be tested against it. Each
 * request goes through `answerMotopress`, the function the msw handlers call; the injected-fault
 * header is ignored. The site URL is the server's URL, so `_links` and `Link` point back here.
 * Clients sign with OAuth 1.0a over plain HTTP, as the plugin wants; Basic and query keys are
 * accepted too unless `strictHttps` (the real plugin takes them over HTTPS only).
 *
 * Time: by default a logical clock starting at 2026-01-01T00:00:00Z that advances 1 ms per
 * request, so the same requests always produce the same state; pass `now` for another clock.
 * OAuth timestamps are checked against `oauthClock` (default: that same clock). A client in
 * another process signs with the real time, so `syncsim fake motopress` passes the wall clock it
 * got from bin/syncsim.js; nothing under fakes/ reads the wall clock itself.
 * Prints nothing. `stop()` is idempotent and the handle supports `await using`.
 */
import { listenLocal } from '../local-http-server.ts';
import { buildMotopressWorld, type MotopressWorld } from './build-motopress-world.ts';
import { answerMotopress } from './motopress-handlers.ts';
import { DEFAULT_CONSUMER_KEY, DEFAULT_CONSUMER_SECRET, MotopressFake } from './motopress-fake.ts';

export interface ServeMotopressOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Load a seeded world (omit for an empty site). */
  seed?: number;
  consumerKey?: string;
  consumerSecret?: string;
  now?: () => number;
  /** ms; `oauth_timestamp` must be within 15 minutes of it (default: `now`). */
  oauthClock?: () => number;
  /** Refuse Basic and query keys on plain HTTP, like the plugin (default false). */
  strictHttps?: boolean;
}

export interface MotopressServer extends AsyncDisposable {
  url: string;
  consumerKey: string;
  consumerSecret: string;
  fake: MotopressFake;
  world: MotopressWorld | undefined;
  stop(): Promise<void>;
}

const LOGICAL_EPOCH = Date.parse('2026-01-01T00:00:00.000Z');

export async function serveMotopress(options: ServeMotopressOptions = {}): Promise<MotopressServer> {
  let ticks = 0;
  const now = options.now ?? (() => LOGICAL_EPOCH + ticks);
  const consumerKey = options.consumerKey ?? DEFAULT_CONSUMER_KEY;
  const consumerSecret = options.consumerSecret ?? DEFAULT_CONSUMER_SECRET;
  const fake = new MotopressFake({
    now,
    keys: [{ consumerKey, consumerSecret, permission: 'read_write' }],
    ...(options.oauthClock ? { oauthClock: options.oauthClock } : {}),
    strictHttps: options.strictHttps ?? false,
  });
  const world = options.seed === undefined ? undefined : buildMotopressWorld(fake.store, { seed: options.seed });

  const { url, stop } = await listenLocal({
    port: options.port ?? 0,
    onRequest: () => ticks++,
    answer: (request, site) => answer(request, site, fake),
    onError: (error) =>
      Response.json(
        {
          code: 'internal_server_error',
          message: `fake error: ${error instanceof Error ? error.message : String(error)}`,
          data: { status: 500 },
        },
        { status: 500 },
      ),
  });
  return { url, consumerKey, consumerSecret, fake, world, stop, [Symbol.asyncDispose]: stop };
}

async function answer(request: Request, site: string, fake: MotopressFake): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname.startsWith('/wp-json/') || url.pathname === '/wp-json') {
    return answerMotopress(fake, request, site, url.pathname.replace(/^\/wp-json/, ''), true, { acceptFaults: false });
  }
  if ((url.pathname === '/' || url.pathname === '/index.php') && url.searchParams.has('rest_route')) {
    return answerMotopress(fake, request, site, url.searchParams.get('rest_route')!, false, { acceptFaults: false });
  }
  return new Response('<!DOCTYPE html><html><body>syncsim MotoPress fake</body></html>', {
    status: url.pathname === '/' ? 200 : 404,
    headers: { 'Content-Type': 'text/html; charset=UTF-8' },
  });
}
