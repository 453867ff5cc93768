/**
 * `syncsim fake <service>`: serve a fake as a real HTTP server on 127.0.0.1, so apps in other
 * languages (the gym backend is Python) can be tested against the same fake the simulations
 * use. Prints the base URL and credentials, then serves until Ctrl-C.
 */
import { serveMotopress } from '../../fakes/motopress/serve-motopress.ts';
import { webhookUrlProblem } from '../../fakes/stream/app-settings.ts';
import { serveStream } from '../../fakes/stream/serve-stream.ts';
import type { CliContext } from './cli-context.ts';
import { CliError, quote } from './cli-error.ts';
import { EXIT } from './exit-codes.ts';
import { parseFlags, parseInteger, parseSeedFlag } from './parse-flags.ts';
import { USAGE } from './usage.ts';
import { watchParent } from './watch-parent.ts';

const SERVICES = ['stream', 'motopress'];

/** A started fake: what to print, and how to stop it. */
interface Served {
  lines: string[];
  stop(): Promise<void>;
}

/** `wallClock`: the real time from bin/syncsim.js, which the MotoPress fake checks OAuth timestamps against. */
export async function fakeCommand(args: string[], cli: CliContext, wallClock: () => number): Promise<number> {
  const out = cli.out;
  const { values, positionals } = parseFlags(
    'fake',
    args,
    ['port', 'seed', 'api-key', 'api-secret', 'consumer-key', 'consumer-secret', 'webhook-url'],
    ['strict-https'],
  );
  if (values.help) {
    out(USAGE.fake ?? '');
    return EXIT.ok;
  }
  const [service, ...extra] = positionals;
  if (!service || !SERVICES.includes(service) || extra.length > 0) {
    throw new CliError(`fake needs one service (${SERVICES.join(', ')}), got '${positionals.join(' ')}'`);
  }
  const port = parseInteger('--port', values.port, 0, 65535) ?? 0;
  const seed = parseSeedFlag(values.seed);
  type Credential = 'api-key' | 'api-secret' | 'consumer-key' | 'consumer-secret';
  const pair = (key: Credential, secret: Credential) => {
    if ((values[key] === undefined) !== (values[secret] === undefined))
      throw new CliError(`--${key} and --${secret} go together`);
  };
  // Credentials of the other service are a mistake, not something to ignore silently.
  const foreign: Credential[] = service === 'stream' ? ['consumer-key', 'consumer-secret'] : ['api-key', 'api-secret'];
  const misplaced = foreign.find((flag) => values[flag] !== undefined);
  if (misplaced) throw new CliError(`--${misplaced} is not a ${service} flag (see syncsim fake --help)`);
  if (service === 'stream' && values['strict-https'])
    throw new CliError('--strict-https is not a stream flag (see syncsim fake --help)');
  if (service !== 'stream' && values['webhook-url'] !== undefined)
    throw new CliError(`--webhook-url is not a ${service} flag (see syncsim fake --help)`);
  const webhookUrl = values['webhook-url'];
  const urlProblem = webhookUrl === undefined ? undefined : webhookUrlProblem(webhookUrl);
  if (urlProblem) throw new CliError(`--webhook-url ${urlProblem}, got ${quote(webhookUrl!)}`);

  if (service === 'stream') pair('api-key', 'api-secret');
  else pair('consumer-key', 'consumer-secret');

  // Listening for the signal before the port opens: a Ctrl-C during start-up still stops it.
  let stopSignal: string | undefined;
  let wake: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (wake = resolve));
  const onSignal = (signal: string) => {
    stopSignal ??= signal;
    wake();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const unwatch = watchParent(() => onSignal('parent process exited'));
  try {
    const served = await listening(port, () =>
      service === 'stream'
        ? startStream({ port, seed, apiKey: values['api-key'], apiSecret: values['api-secret'], webhookUrl })
        : startMotopress({
            port,
            seed,
            consumerKey: values['consumer-key'],
            consumerSecret: values['consumer-secret'],
            strictHttps: values['strict-https'] ?? false,
            wallClock,
          }),
    );
    if (stopSignal === undefined) for (const line of served.lines) out(line);
    await stopped;
    await served.stop();
    // The one line: stopping is this command's normal end, hence exit 0.
    out(`${service} fake stopped (${stopSignal ?? 'signal'})`);
    return EXIT.ok;
  } finally {
    unwatch();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** The errors a user causes with --port, as one line each. */
async function listening(port: number, start: () => Promise<Served>): Promise<Served> {
  try {
    return await start();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE')
      throw new CliError(`--port ${port}: 127.0.0.1:${port} is already in use`, { cause: error });
    if (code === 'EACCES')
      throw new CliError(
        `--port ${port}: not allowed to listen on 127.0.0.1:${port} (ports below 1024 need privileges)`,
        {
          cause: error,
        },
      );
    throw error;
  }
}

interface StreamFlags {
  port: number;
  seed: number | undefined;
  apiKey: string | undefined;
  apiSecret: string | undefined;
  webhookUrl: string | undefined;
}

async function startStream(flags: StreamFlags): Promise<Served> {
  const { seed, apiKey, apiSecret, webhookUrl } = flags;
  const server = await serveStream({
    port: flags.port,
    ...(seed !== undefined ? { seed } : {}),
    ...(apiKey !== undefined ? { apiKey, apiSecret: apiSecret! } : {}),
    ...(webhookUrl !== undefined ? { webhookUrl } : {}),
  });
  return {
    lines: [
      `stream fake on ${server.url}`,
      `  api key:    ${server.apiKey}`,
      `  api secret: ${server.apiSecret}`,
      ...(server.world
        ? [`  world (seed ${seed}): ${server.world.gyms.length} gyms, ${server.world.memberIds.length} members`]
        : []),
      webhookUrl === undefined
        ? '  webhooks:   none yet (PATCH /app webhook_url, i.e. client.updateAppSettings, sets them)'
        : `  webhooks:   POST to ${webhookUrl}, X-Signature = HMAC-SHA256 of the body with the api secret`,
      '  new StreamChat(key, secret, { baseURL: url }) talks to it; Ctrl-C stops it',
    ],
    stop: () => server.stop(),
  };
}

interface MotopressFlags {
  port: number;
  seed: number | undefined;
  consumerKey: string | undefined;
  consumerSecret: string | undefined;
  strictHttps: boolean;
  wallClock: () => number;
}

async function startMotopress(flags: MotopressFlags): Promise<Served> {
  const { seed, consumerKey, consumerSecret } = flags;
  // The store keeps its logical clock (same requests, same state); only OAuth timestamps are
  // checked against the real time, because the clients signing them live outside this process.
  const server = await serveMotopress({
    port: flags.port,
    ...(seed !== undefined ? { seed } : {}),
    ...(consumerKey !== undefined ? { consumerKey, consumerSecret: consumerSecret! } : {}),
    oauthClock: flags.wallClock,
    strictHttps: flags.strictHttps,
  });
  const keyAuth = flags.strictHttps
    ? '  Basic auth and ?consumer_key= are refused on plain HTTP (--strict-https), as the plugin does'
    : '  Basic auth (key:secret) and ?consumer_key=&consumer_secret= work too (the plugin: HTTPS only; --strict-https)';
  const store = server.fake.store;
  return {
    lines: [
      `motopress fake on ${server.url}`,
      `  consumer key:    ${server.consumerKey}`,
      `  consumer secret: ${server.consumerSecret}`,
      ...(server.world
        ? [
            `  world (seed ${seed}): ${store.accommodationTypes.size} accommodation types, ${store.accommodations.size} accommodations, ${store.bookings.size} bookings`,
          ]
        : []),
      `  GET ${server.url}/wp-json/mphb/v1/bookings signed with OAuth 1.0a (HMAC-SHA1/SHA256, as WooCommerce clients sign over http://)`,
      keyAuth,
      '  Ctrl-C stops it',
    ],
    stop: () => server.stop(),
  };
}
