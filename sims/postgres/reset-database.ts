// Each property-test case starts from the migrated, empty state: one round trip to the
// syncsim.reset() function that ensureTemplate() generated (see install-reset-sql.ts).
// Every 500th reset through the same client is a full one (TRUNCATE, ~10-15 ms) that gives
// the tables back their pages, so long runs do not slow down; counted per client, so it
// depends only on the sequence of calls, never on time.
import type pg from 'pg';

const missing = new Set(['42883', '3F000']); // undefined_function, invalid_schema_name

/** How many resets in a row are cheap DELETEs before one full (TRUNCATE) reset. */
export const fullResetEvery = 500;

const resets = new WeakMap<pg.ClientBase, number>();

export async function resetDatabase(client: pg.ClientBase): Promise<void> {
  const count = (resets.get(client) ?? 0) + 1;
  resets.set(client, count);
  try {
    await client.query(count % fullResetEvery === 0 ? 'SELECT syncsim.reset(true)' : 'SELECT syncsim.reset()');
  } catch (error) {
    if (missing.has((error as { code?: string }).code ?? '')) {
      throw new Error(
        'syncsim.reset() is missing: reset only works on databases cloned from an ensureTemplate() template',
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}
