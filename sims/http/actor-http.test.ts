/**
 * Fakes reach actors through the engine: a world registers a MotopressFake and a StreamFake on
 * the case engine's msw server; an actor's `motopressFetch` and `gateStream(client)` requests
 * are scheduled, faulted by the plan and recorded (system motopress / stream); the next case
 * starts with no handlers, so one case's fake never answers another's; a request to a site no
 * fake serves fails instead of reaching the network.
 */
import * as fc from 'fast-check';
import { StreamChat } from 'stream-chat';
import { describe, expect, it } from 'vitest';
import {
  MotopressFake,
  motopressHandlers,
  DEFAULT_CONSUMER_KEY,
  DEFAULT_CONSUMER_SECRET,
} from '../../fakes/motopress/index.ts';
import { StreamFake, streamHandlers } from '../../fakes/stream/index.ts';
import type { FaultPlan } from '../faults/fault-plan.ts';
import { runCase } from '../runner/run-case.ts';
import { defineScenario } from '../runner/scenario.ts';
import type { GateRequest } from '../schedule/flight.ts';
import { fileCaseEngine } from '../testing/scenario-suite.ts';

const engine = fileCaseEngine();

const SITE = 'https://indo.hotel.fake';
const STREAM = 'https://chat.stream.fake';
const auth = `Basic ${Buffer.from(`${DEFAULT_CONSUMER_KEY}:${DEFAULT_CONSUMER_SECRET}`).toString('base64')}`;

interface World {
  fake: MotopressFake;
  seen: Array<number | string>;
}

const scenario = defineScenario<boolean, World>({
  id: 'http-probe',
  kind: 'example',
  title: 'actors talk to the fakes the world registered',
  input: fc.boolean(),
  world({ clock, http, input }) {
    const fake = new MotopressFake({ now: () => clock.now() });
    const type = fake.store.addAccommodationType({ title: 'Deluxe' });
    fake.store.addAccommodation({ accommodationTypeId: type.id, title: 'Room 1' });
    // `false`: this case registers nothing, so the previous case's fakes must be gone.
    if (input)
      http.use(
        ...motopressHandlers(fake, SITE),
        ...streamHandlers(new StreamFake({ apiKey: 'k', apiSecret: 's', now: () => clock.now() }), STREAM),
      );
    return Promise.resolve({ fake, seen: [] });
  },
  invariants: [],
  variants: {
    probe: {
      description: 'one MotoPress list, one Stream upsert',
      expect: 'holds',
      actors: ({ world }) => [
        {
          name: 'syncer',
          async run(env) {
            try {
              const response = await env.motopressFetch(`${SITE}/wp-json/mphb/v1/accommodations?per_page=10`, {
                headers: { Authorization: auth },
              });
              world.seen.push(response.status);
              if (response.ok) world.seen.push(...((await response.json()) as Array<{ id: number }>).map((a) => a.id));
            } catch (error) {
              world.seen.push(`motopress: ${(error as Error).message}`);
            }
            try {
              const client = env.gateStream(new StreamChat('k', 's', { baseURL: STREAM, disableCache: true }));
              const upserted = await client.upsertUser({ id: 'guest-1' });
              world.seen.push(`stream: ${Object.keys(upserted.users).join(',')}`);
            } catch {
              world.seen.push('stream failed');
            }
          },
        },
      ],
    },
  },
  defaultVariant: 'probe',
});

async function run(input: boolean, plan?: FaultPlan) {
  let world: World | undefined;
  const probe = {
    ...scenario,
    world: async (ctx: Parameters<typeof scenario.world>[0]) => (world = await scenario.world(ctx)),
  };
  const [scheduler] = fc.sample(fc.scheduler<GateRequest>(), { seed: 4, numRuns: 1 });
  const outcome = await runCase(probe, scenario.variants.probe!, input, scheduler!, engine(), 4, plan);
  return { outcome, world: world! };
}

describe('fakes in ActorEnv', () => {
  it('answers through the registered fakes and records both systems in the history', async () => {
    const { outcome, world } = await run(true);
    expect(world.seen).toEqual([200, 2, 'stream: guest-1']);
    const invokes = outcome.history
      .filter((e) => e.type === 'invoke' && e.system !== 'actor')
      .map((e) => `${e.system} ${e.operation}`);
    expect(invokes).toEqual(['motopress GET /wp-json/mphb/v1/accommodations', 'stream POST /users']);
  });

  it('forgets the previous case: an unregistered site is an error, not a network trip', async () => {
    await run(true);
    const { world } = await run(false);
    // Rejected (not a status code): the request never reached a fake or the network.
    expect(world.seen).toHaveLength(2);
    expect(world.seen[0]).toMatch(/^motopress: /);
    expect(world.seen[1]).toBe('stream failed');
  });

  it("applies the plan's HTTP faults to actor requests", async () => {
    const plan: FaultPlan = { rates: { 'http-503': 1 } };
    const { outcome, world } = await run(true, plan);
    expect(world.seen[0]).toBe(503);
    expect(outcome.faults[0]).toBe('http-503 syncer GET /wp-json/mphb/v1/accommodations');
  });
});
