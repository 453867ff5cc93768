/**
 * What one gated HTTP request costs on each path to the fakes (issue 17): the same MotoPress
 * list (gatedFetch) and the same Stream SDK call (gateStreamClient), answered by the same msw
 * handlers, either through msw's server (the global fetch and Node's http patched, as a module
 * the engine does not wire gets) or through the engine's direct path (MockedHttp.fetch, no
 * interception). No Postgres and no scheduler: a gate that runs each request at once. The two
 * paths alternate round by round in one process, so a loaded machine slows both alike; compare
 * the ratio, not the milliseconds.
 * Run: npm run bench:http-path [--requests N] [--rounds N]
 */
import { StreamChat } from 'stream-chat';
import {
  DEFAULT_CONSUMER_KEY,
  DEFAULT_CONSUMER_SECRET,
  MotopressFake,
  motopressHandlers,
} from '../fakes/motopress/index.ts';
import { gatedFetch } from '../fakes/motopress/gated-fetch.ts';
import { StreamFake, streamHandlers } from '../fakes/stream/index.ts';
import { gateStreamClient } from '../fakes/stream/gate-stream-client.ts';
import type { IoGate } from '../fakes/io-gate.ts';
import { MockedHttp } from '../sims/http/mocked-http.ts';

const SITE = 'https://bench.hotel.fake';
const STREAM = 'https://bench.stream.fake';
const flag = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const REQUESTS = flag('--requests', 300);
const ROUNDS = flag('--rounds', 6);

const atOnce: IoGate = { run: (_request, start) => start() };
const now = () => Date.parse('2025-01-01T00:00:00.000Z');
const motopress = new MotopressFake({ now });
const type = motopress.store.addAccommodationType({ title: 'Deluxe' });
for (let i = 1; i <= 10; i++) motopress.store.addAccommodation({ accommodationTypeId: type.id, title: `Room ${i}` });
// No 429s in a bench: the clock stands still, so lift the endpoint's per-minute limit.
const stream = new StreamFake({ apiKey: 'k', apiSecret: 's', now, rateLimits: { UpdateUsers: 1e9 } });

const http = new MockedHttp();
http.use(...motopressHandlers(motopress, SITE), ...streamHandlers(stream, STREAM));
const auth = `Basic ${Buffer.from(`${DEFAULT_CONSUMER_KEY}:${DEFAULT_CONSUMER_SECRET}`).toString('base64')}`;

type Path = 'msw server' | 'direct';
const fetchFor = (path: Path) => (path === 'direct' ? http.fetch : undefined);

async function motopressRound(path: Path): Promise<number> {
  const fetch = gatedFetch({ gate: atOnce, actor: 'bench', ...(path === 'direct' ? { fetch: http.fetch } : {}) });
  const started = performance.now();
  for (let i = 0; i < REQUESTS; i++) {
    const response = await fetch(`${SITE}/wp-json/mphb/v1/accommodations?per_page=10`, {
      headers: { Authorization: auth },
    });
    if (response.status !== 200) throw new Error(`motopress answered ${response.status}`);
    await response.json();
  }
  return (performance.now() - started) / REQUESTS;
}

async function streamRound(path: Path): Promise<number> {
  const client = new StreamChat('k', 's', { baseURL: STREAM, disableCache: true });
  const fetch = fetchFor(path);
  gateStreamClient(client, { gate: atOnce, actor: 'bench', ...(fetch ? { fetch } : {}) });
  const started = performance.now();
  for (let i = 0; i < REQUESTS; i++) await client.upsertUser({ id: `guest-${i % 20}` });
  return (performance.now() - started) / REQUESTS;
}

const systems = { motopress: motopressRound, stream: streamRound } as const;
const paths: Path[] = ['msw server', 'direct'];
const times: Record<string, number[]> = {};
try {
  for (const run of Object.values(systems)) for (const path of paths) await run(path); // warm-up
  for (let round = 0; round < ROUNDS; round++)
    for (const [system, run] of Object.entries(systems))
      for (const path of round % 2 === 0 ? paths : [...paths].reverse())
        (times[`${system} ${path}`] ??= []).push(await run(path));
} finally {
  http.close();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`${REQUESTS} requests a round, ${ROUNDS} rounds a path, alternating; median ms per request`);
console.log('| system | msw server ms/req | direct ms/req | server/direct |');
console.log('|---|---|---|---|');
for (const system of Object.keys(systems)) {
  const server = median(times[`${system} msw server`]!);
  const direct = median(times[`${system} direct`]!);
  console.log(`| ${system} | ${server.toFixed(3)} | ${direct.toFixed(3)} | ${(server / direct).toFixed(2)}x |`);
}
