/**
 * The discovered scenario variants are dealt into a few test files (scenario-variants-<i>.test.ts)
 * because vitest runs one file in one worker: in a single file every variant ran on one core and
 * one database while the other cores idled. Each shard file clones its own database, like any
 * test file, so as many shards run at once as vitest has workers.
 *
 * The number of shards is fixed, not the machine's core count: the set of test files (and with
 * it what `check --shard I/N` gives each CI machine) must be the same on every machine.
 */

/** How many shard files there are: enough to keep 2-4 workers busy while the long ones finish. */
export const VARIANT_SHARDS = 4;

/**
 * Shard `shard` (0-based) of `items`: every `shards`-th item, starting at index `shard`, so
 * each item is in exactly one shard and neighbours (a scenario's variants) are spread out.
 */
export function shardOf<T>(items: readonly T[], shard: number, shards: number = VARIANT_SHARDS): T[] {
  if (!Number.isInteger(shard) || shard < 0 || shard >= shards)
    throw new Error(`shard ${shard} is not one of 0..${shards - 1}`);
  return items.filter((_, index) => index % shards === shard);
}

/** How many shards hold at least one of `count` items: a shard file with no test is an error to vitest. */
export function shardsInUse(count: number, shards: number = VARIANT_SHARDS): number {
  return Math.min(count, shards);
}
