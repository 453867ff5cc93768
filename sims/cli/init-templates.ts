/**
 * What `syncsim init` writes: a config and one example scenario that runs on any schema (it
 * creates its own table), so `syncsim check` works right after init and shows both outcomes.
 */
export const STARTER_CONFIG = (
  migrations: string,
  found: boolean,
) => `// syncsim settings for this project (see the syncsim README, "Use syncsim in your own project").
import type { SyncsimConfig } from 'syncsim';

export default {
  // Folders searched for **/*.scenario.ts.
  scenarios: ['scenarios'],
  // Ordered .sql files that build your schema in the test database.${found ? '' : ` Create this folder or point\n  // this at yours: ${migrations}/ does not exist yet.`}
  migrations: '${migrations}',
  // Which Postgres: 'embedded' (default when there is no Docker), 'testcontainers', or 'url' (DATABASE_URL).
  // postgres: 'embedded',
} satisfies SyncsimConfig;
`;

export const EXAMPLE_SCENARIO = `/**
 * An example to start from: concurrent workers add hits to one counter. \`naive\` reads, adds
 * and writes back, and loses updates in some interleavings; \`locked\` does it under SELECT ...
 * FOR UPDATE and holds. Replace the two functions with your own module's (they receive the
 * gated \`db\` syncsim hands every actor) and the world with the rows your code expects.
 *
 *   npx syncsim run counter:naive      # a failure, with its replay line
 *   npx syncsim check                  # every variant meets its expectation: exit 0
 */
import { defineInvariant, defineScenario, fc, type Db } from 'syncsim';

interface Input {
  /** Hits each concurrent worker adds. */
  workers: number[];
}
interface World {
  expected: number;
}

async function naiveIncrement(db: Db): Promise<void> {
  const { rows } = await db.query<{ hits: number }>('SELECT hits FROM syncsim_example_counter WHERE id = 1');
  await db.query('UPDATE syncsim_example_counter SET hits = $1 WHERE id = 1', [rows[0]!.hits + 1]);
}

async function lockedIncrement(db: Db): Promise<void> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ hits: number }>('SELECT hits FROM syncsim_example_counter WHERE id = 1 FOR UPDATE');
    await client.query('UPDATE syncsim_example_counter SET hits = $1 WHERE id = 1', [rows[0]!.hits + 1]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const noLostHit = defineInvariant<World>({
  name: 'no-lost-hit',
  kind: 'safety',
  description: 'the counter equals the number of hits added',
  async check({ db, world }) {
    const { rows } = await db.query<{ hits: number }>('SELECT hits FROM syncsim_example_counter WHERE id = 1');
    const hits = rows[0]?.hits;
    return hits === world.expected
      ? []
      : [{ invariant: 'no-lost-hit', message: \`counter is \${hits} after \${world.expected} hits\` }];
  },
});

const workers =
  (increment: (db: Db) => Promise<void>) =>
  ({ input }: { input: Input }) =>
    input.workers.map((hits, i) => ({
      name: \`worker-\${i + 1}\`,
      async run({ db }: { db: Db }) {
        for (let n = 0; n < hits; n++) await increment(db);
      },
    }));

export const counterScenario = defineScenario<Input, World>({
  id: 'counter',
  kind: 'example',
  title: 'Concurrent workers add hits to one counter',
  input: fc.record({ workers: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 3 }) }),
  async world({ db, input }) {
    // The example brings its own table so it runs on any schema; your scenarios use your migrations.
    await db.query('CREATE TABLE IF NOT EXISTS syncsim_example_counter (id int PRIMARY KEY, hits int NOT NULL)');
    await db.query('DELETE FROM syncsim_example_counter');
    await db.query('INSERT INTO syncsim_example_counter (id, hits) VALUES (1, 0)');
    return { expected: input.workers.reduce((a, b) => a + b, 0) };
  },
  invariants: [noLostHit],
  variants: {
    naive: {
      description: 'read, add one, write back (no lock)',
      expect: 'breaks',
      breaks: ['no-lost-hit'],
      actors: workers(naiveIncrement),
    },
    locked: {
      description: 'the same under SELECT ... FOR UPDATE in a transaction',
      expect: 'holds',
      actors: workers(lockedIncrement),
    },
  },
  defaultVariant: 'locked',
  runs: 50,
});
`;
