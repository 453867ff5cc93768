/**
 * `syncsim fake <service>`: serve a fake as a real HTTP server on 127.0.0.1, so apps in other
 * languages (the gym backend is Python) can be tested against the same fake the simulations
 * use. Prints the base URL and credentials, then serves until Ctrl-C.
 */
import { serveStream } from '../../fakes/stream/serve-stream.ts';
import { CliError } from './cli-error.ts';
import { parseFlags, parseInteger } from './parse-flags.ts';
import { USAGE } from './usage.ts';

const SERVICES = ['stream'];

export async function fakeCommand(args: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseFlags('fake', args, ['port', 'seed', 'api-key', 'api-secret']);
  if (values.help) {
    out(USAGE.fake ?? '');
    return 0;
  }
  const [service, ...extra] = positionals;
  if (!service || !SERVICES.includes(service) || extra.length > 0) {
    throw new CliError(`fake needs one service (${SERVICES.join(', ')}; motopress is not built yet), got '${positionals.join(' ')}'`);
  }
  const port = parseInteger('--port', values.port, 0) ?? 0;
  if (port > 65535) throw new CliError(`--port must be at most 65535, got ${port}`);
  const seed = parseInteger('--seed', values.seed, 0);
  if ((values['api-key'] === undefined) !== (values['api-secret'] === undefined)) throw new CliError('--api-key and --api-secret go together');

  const server = await serveStream({
    port,
    ...(seed !== undefined ? { seed } : {}),
    ...(values['api-key'] !== undefined ? { apiKey: values['api-key'], apiSecret: values['api-secret'] } : {}),
  });
  out(`stream fake on ${server.url}`);
  out(`  api key:    ${server.apiKey}`);
  out(`  api secret: ${server.apiSecret}`);
  if (server.world) out(`  world (seed ${seed}): ${server.world.gyms.length} gyms, ${server.world.memberIds.length} members`);
  out('  new StreamChat(key, secret, { baseURL: url }) talks to it; Ctrl-C stops it');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.stop();
  out('stream fake stopped');
  return 0;
}
