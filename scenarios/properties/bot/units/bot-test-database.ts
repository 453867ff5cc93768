/**
 * For example tests of single src/bot calls on a real Postgres: the file's case engine (its
 * database, the ungated admin client, a session directory) and a pool the module under test
 * receives. `fresh()` empties the database and the directory and seeds channel 1.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { fromPgPool } from '../../../../src/db/index.ts';
import type { Db } from '../../../../src/db/db.ts';
import { resetDatabase, type CaseEngine, useCaseEngine } from 'syncsim/vitest';
import { insertChannel } from '../bot-world.ts';

export interface BotTestDatabase {
  engine: CaseEngine;
  /** What the module under test receives. */
  db: Db;
  admin: pg.Client;
  dir: string;
  fresh(): Promise<void>;
  close(): Promise<void>;
}

export async function useBotTestDatabase(): Promise<BotTestDatabase> {
  const engine = await useCaseEngine();
  const pool = new pg.Pool({ connectionString: engine.url, max: 3 });
  return {
    engine,
    db: fromPgPool(pool),
    admin: engine.admin,
    dir: engine.sessionDir,
    async fresh() {
      await resetDatabase(engine.resetter);
      for (const name of await readdir(engine.sessionDir)) await rm(join(engine.sessionDir, name), { force: true });
      await insertChannel(engine.admin);
    },
    async close() {
      await pool.end();
      await engine.close();
    },
  };
}

/**
 * The file's bot test database, opened before its tests, emptied (`fresh()`) before each and
 * closed after them: what every units test file would otherwise set up in the same six lines.
 */
export function botTestDatabaseForFile(): Pick<BotTestDatabase, 'engine' | 'db' | 'admin' | 'dir'> {
  let opened: BotTestDatabase | undefined;
  const current = (): BotTestDatabase => {
    if (!opened) throw new Error('the bot test database opens in beforeAll; use it inside a test');
    return opened;
  };
  beforeAll(async () => {
    opened = await useBotTestDatabase();
  });
  afterAll(() => opened?.close());
  beforeEach(() => current().fresh());
  return {
    get engine() {
      return current().engine;
    },
    get db() {
      return current().db;
    },
    get admin() {
      return current().admin;
    },
    get dir() {
      return current().dir;
    },
  };
}
