/**
 * DATABASE_URL for an operator command: checked before connecting (its value is never echoed,
 * it holds a password), then one bounded connection attempt, so an unreachable host fails in
 * one line instead of hanging the operator's shell or escaping as a pg stack.
 */
import pg from 'pg';
import type { Db } from '../db/db.ts';
import { fromPgPool } from '../db/from-pg-pool.ts';
import { BadInput } from './operator-command.ts';

export function databaseUrlProblem(url: string | undefined): string | undefined {
  if (!url) return 'DATABASE_URL is not set';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'DATABASE_URL is not a URL (expected postgres://user:password@host:5432/database)';
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    return `DATABASE_URL must start with postgres:// or postgresql://, not ${parsed.protocol}//`;
  if (parsed.hostname === '') return 'DATABASE_URL names no host';
  return undefined;
}

export interface OpenDatabase {
  readonly db: Db;
  end(): Promise<void>;
}

/** A pool on DATABASE_URL that has answered once; throws BadInput naming host, port and database otherwise. */
export async function openDatabase(url: string): Promise<OpenDatabase> {
  const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 10_000 });
  // An idle client whose server goes away must not crash the process with an unhandled 'error'.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    const { hostname, port, pathname } = new URL(url);
    const code = (error as { code?: string } | null)?.code ?? 'connection failed';
    const reason = (error instanceof Error ? error.message : '') || code;
    throw new BadInput(`cannot connect to DATABASE_URL (${hostname}:${port || 5432}${pathname}): ${reason}`, {
      cause: error,
    });
  }
  return { db: fromPgPool(pool), end: () => pool.end() };
}
