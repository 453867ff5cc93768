/**
 * Standalone mode: the same StreamFake and msw handlers behind a real HTTP server on
 * 127.0.0.1, so apps in other languages (the Python gym backend) and the real SDK with
 * `baseURL` pointed here can be tested against it. Requests go through msw's `getResponse`,
 * i.e. the very handlers the in-process tests use; injected-fault headers are ignored.
 *
 * Webhooks go where the app settings say: `webhookUrl` at start, or PATCH /app later
 * (app-webhooks.ts). The seeded world is built before, so it is the starting state, not a
 * burst of events.
 *
 * Time: by default a logical clock starting at 2026-01-01T00:00:00Z that advances 1 ms per
 * request, so the same requests always produce the same state; pass `now` for a real clock.
 * `stop()` is idempotent and the handle supports `await using`.
 */
import { getResponse } from 'msw';
import { listenLocal } from '../local-http-server.ts';
import { webhookUrlProblem } from './app-settings.ts';
import { AppWebhooks } from './app-webhooks.ts';
import { buildStreamWorld, type StreamWorld } from './build-stream-world.ts';
import { StreamFake, type StreamFakeOptions } from './stream-fake.ts';
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
  /** Deliver webhooks here from the start (as PATCH /app `webhook_url` would). */
  webhookUrl?: string;
  /** Hold every answer this long on the simulated clock (see StreamFakeOptions.roundTrip). */
  roundTrip?: StreamFakeOptions['roundTrip'];
  /**
   * Serve this fake (e.g. a scenario's world, to run an operator command against it) instead of a
   * new one: its own credentials, clock and state; apiKey, apiSecret, now, rateLimits, roundTrip
   * and seed must then be left out.
   */
  fake?: StreamFake;
}

export interface StreamServer extends AsyncDisposable {
  url: string;
  apiKey: string;
  apiSecret: string;
  fake: StreamFake;
  world: StreamWorld | undefined;
  webhooks: AppWebhooks;
  stop(): Promise<void>;
}

const LOGICAL_EPOCH = Date.parse('2026-01-01T00:00:00.000Z');

export async function serveStream(options: ServeStreamOptions = {}): Promise<StreamServer> {
  const problem = options.webhookUrl === undefined ? undefined : webhookUrlProblem(options.webhookUrl);
  if (problem) throw new Error(`webhookUrl ${problem}: ${options.webhookUrl}`);
  let ticks = 0;
  const now = options.now ?? (() => LOGICAL_EPOCH + ticks);
  if (options.fake) {
    const given = (['apiKey', 'apiSecret', 'now', 'rateLimits', 'roundTrip', 'seed'] as const).filter(
      (key) => options[key] !== undefined,
    );
    if (given.length > 0) throw new Error(`serveStream: fake is given, so ${given.join(', ')} must not be`);
  }
  const apiKey = options.fake?.apiKey ?? options.apiKey ?? 'syncsim-key';
  const apiSecret = options.fake?.apiSecret ?? options.apiSecret ?? 'syncsim-secret';
  const fake =
    options.fake ??
    new StreamFake({
      apiKey,
      apiSecret,
      now,
      ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
      ...(options.roundTrip ? { roundTrip: options.roundTrip } : {}),
    });
  const world = options.seed === undefined ? undefined : buildStreamWorld(fake.store, { seed: options.seed });
  const webhooks = new AppWebhooks(fake);
  if (options.webhookUrl !== undefined) fake.app.update({ webhookUrl: options.webhookUrl, explicitDeletion: false });

  let handlers: ReturnType<typeof streamHandlers> | undefined;
  const { url, stop: stopListening } = await listenLocal({
    port: options.port ?? 0,
    onRequest: () => ticks++,
    async answer(request, base) {
      handlers ??= streamHandlers(fake, base, { acceptFaults: false });
      const response = await getResponse(handlers, request);
      if (response) return response;
      const body = {
        code: 16,
        message: `unknown route ${request.method} ${new URL(request.url).pathname}`,
        StatusCode: 404,
        duration: '0.00ms',
        more_info: '',
      };
      return Response.json(body, { status: 404 });
    },
    onError: (error) =>
      Response.json(
        {
          code: -1,
          message: `fake error: ${error instanceof Error ? error.message : String(error)}`,
          StatusCode: 500,
          duration: '0.00ms',
        },
        { status: 500 },
      ),
  });
  const stop = () => {
    webhooks.stop();
    return stopListening();
  };
  return { url, apiKey, apiSecret, fake, world, webhooks, stop, [Symbol.asyncDispose]: stop };
}
