/**
 * Standalone mode: the same MotopressFake and request handling behind a real HTTP server on
 * 127.0.0.1, so apps in other languages (and plain fetch/curl) can be tested against it. Each
 * request goes through `answerMotopress`, the function the msw handlers call; the injected-fault
 * header is ignored. The site URL is the server's URL, so `_links` and `Link` point back here.
 * Key auth is accepted over plain HTTP (the real plugin would want HTTPS or OAuth 1.0a).
 *
 * Time: by default a logical clock starting at 2026-01-01T00:00:00Z that advances 1 ms per
 * request, so the same requests always produce the same state; pass `now` for another clock.
 * Prints nothing. `stop()` is idempotent and the handle supports `await using`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  const fake = new MotopressFake({ now, keys: [{ consumerKey, consumerSecret, permission: 'read_write' }] });
  const world = options.seed === undefined ? undefined : buildMotopressWorld(fake.store, { seed: options.seed });

  let url = '';
  const server = createServer((req, res) => {
    ticks++;
    answer(req, res, url, fake).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json; charset=UTF-8' });
      res.end(JSON.stringify({ code: 'internal_server_error', message: `fake error: ${error instanceof Error ? error.message : String(error)}`, data: { status: 500 } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return stopping;
  };
  return { url, consumerKey, consumerSecret, fake, world, stop, [Symbol.asyncDispose]: stop };
}

async function answer(req: IncomingMessage, res: ServerResponse, site: string, fake: MotopressFake): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' || chunks.length === 0 ? undefined : Buffer.concat(chunks);
  const request = new Request(`${site}${req.url ?? '/'}`, { method, headers, ...(body ? { body } : {}) });
  const url = new URL(request.url);
  let response: Response;
  if (url.pathname.startsWith('/wp-json/') || url.pathname === '/wp-json') {
    response = await answerMotopress(fake, request, site, url.pathname.replace(/^\/wp-json/, ''), true, { acceptFaults: false });
  } else if ((url.pathname === '/' || url.pathname === '/index.php') && url.searchParams.has('rest_route')) {
    response = await answerMotopress(fake, request, site, url.searchParams.get('rest_route')!, false, { acceptFaults: false });
  } else {
    response = new Response('<!DOCTYPE html><html><body>syncsim MotoPress fake</body></html>', { status: url.pathname === '/' ? 200 : 404, headers: { 'Content-Type': 'text/html; charset=UTF-8' } });
  }
  // Several Link values: send them as separate header lines, as WordPress does.
  const out: Array<[string, string]> = [];
  response.headers.forEach((value, name) => {
    if (name === 'link') for (const part of splitLinks(value)) out.push([name, part]);
    else out.push([name, value]);
  });
  res.writeHead(response.status, out.flat());
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** `<a>; rel="x", <b>; rel="y"` -> each link (commas inside <...> are kept). */
function splitLinks(value: string): string[] {
  return value.split(/,\s*(?=<)/);
}
