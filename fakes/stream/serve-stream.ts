/**
 * Standalone mode: the same StreamFake and msw handlers behind a real HTTP server on
 * 127.0.0.1, so apps in other languages (the Python gym backend) and the real SDK with
 * `baseURL` pointed here can be tested against it. Requests go through msw's `getResponse`,
 * i.e. the very handlers the in-process tests use; injected-fault headers are ignored.
 *
 * Time: by default a logical clock starting at 2026-01-01T00:00:00Z that advances 1 ms per
 * request, so the same requests always produce the same state; pass `now` for a real clock.
 * `stop()` is idempotent and the handle supports `await using`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse } from 'msw';
import { buildStreamWorld, type StreamWorld } from './build-stream-world.ts';
import { StreamFake } from './stream-fake.ts';
import { streamHandlers } from './stream-handlers.ts';

export interface ServeStreamOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Load a seeded world (omit for an empty app). */
  seed?: number;
  apiKey?: string;
  apiSecret?: string;
  now?: () => number;
  rateLimits?: Readonly<Record<string, number>>;
}

export interface StreamServer extends AsyncDisposable {
  url: string;
  apiKey: string;
  apiSecret: string;
  fake: StreamFake;
  world: StreamWorld | undefined;
  stop(): Promise<void>;
}

const LOGICAL_EPOCH = Date.parse('2026-01-01T00:00:00.000Z');

export async function serveStream(options: ServeStreamOptions = {}): Promise<StreamServer> {
  let ticks = 0;
  const now = options.now ?? (() => LOGICAL_EPOCH + ticks);
  const apiKey = options.apiKey ?? 'syncsim-key';
  const apiSecret = options.apiSecret ?? 'syncsim-secret';
  const fake = new StreamFake({ apiKey, apiSecret, now, ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}) });
  const world = options.seed === undefined ? undefined : buildStreamWorld(fake.store, { seed: options.seed });

  let url = '';
  let handlers: ReturnType<typeof streamHandlers> = [];
  const server = createServer((req, res) => {
    ticks++;
    answer(req, res, url, handlers).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: -1, message: `fake error: ${error instanceof Error ? error.message : String(error)}`, StatusCode: 500, duration: '0.00ms' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  handlers = streamHandlers(fake, url, { acceptFaults: false });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return stopping;
  };
  return { url, apiKey, apiSecret, fake, world, stop, [Symbol.asyncDispose]: stop };
}

async function answer(req: IncomingMessage, res: ServerResponse, base: string, handlers: ReturnType<typeof streamHandlers>): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' || chunks.length === 0 ? undefined : Buffer.concat(chunks);
  const request = new Request(`${base}${req.url ?? '/'}`, { method, headers, ...(body ? { body } : {}) });
  const response = await getResponse(handlers, request);
  if (!response) {
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ code: 16, message: `unknown route ${method} ${new URL(request.url).pathname}`, StatusCode: 404, duration: '0.00ms', more_info: '' }));
    return;
  }
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => (out[name] = value));
  res.writeHead(response.status, out);
  res.end(Buffer.from(await response.arrayBuffer()));
}
