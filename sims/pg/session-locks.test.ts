import { describe, expect, it } from 'vitest';
import { SessionLocks } from './session-locks.ts';

const UPDATE = 'UPDATE t SET n = n + 1 WHERE id = $1';
const ALTER = 'ALTER TABLE t ADD COLUMN m int';

/** One session through a sequence of statements, as gated-db.ts and ReadyForQuery report them. */
function after(...steps: Array<[sql: string, status: string]>) {
  const locks = new SessionLocks<object>();
  const session = {};
  for (const [sql, status] of steps) {
    locks.sent(session, sql);
    locks.ready(session, status);
  }
  return { locks, session };
}

describe('SessionLocks', () => {
  it('an idle session outside a transaction blocks nobody, whatever it ran before', () => {
    const { locks, session } = after(['BEGIN', 'T'], [UPDATE, 'T'], ['COMMIT', 'I'], [UPDATE, 'I']);
    expect(locks.mayBlock(session, UPDATE)).toBe(false);
    expect(locks.mayBlock(session, ALTER)).toBe(false);
    expect(locks.mayBlock({}, ALTER)).toBe(false); // never seen: a fresh connection
  });

  it('a transaction that wrote or locked rows may block any statement until it ends', () => {
    for (const sql of [UPDATE, 'SELECT id FROM t WHERE id = $1 FOR UPDATE', 'SELECT pg_advisory_xact_lock(1)']) {
      const { locks, session } = after(['BEGIN', 'T'], [sql, 'T']);
      expect(locks.mayBlock(session, 'SELECT n FROM t WHERE id = 1 FOR UPDATE'), sql).toBe(true);
      expect(locks.mayBlock(session, UPDATE), sql).toBe(true);
      locks.sent(session, 'ROLLBACK');
      locks.ready(session, 'I');
      expect(locks.mayBlock(session, UPDATE), sql).toBe(false);
    }
  });

  it('a failed transaction keeps what it took until its ROLLBACK', () => {
    const { locks, session } = after(['BEGIN', 'T'], [UPDATE, 'T'], ['SELECT 1/0', 'E']);
    expect(locks.mayBlock(session, UPDATE)).toBe(true);
  });

  it('a transaction that only read blocks DDL, LOCK and DO (ACCESS SHARE locks), not reads or DML', () => {
    const { locks, session } = after(['BEGIN', 'T'], ['SELECT n FROM t', 'T']);
    for (const sql of [
      UPDATE,
      'INSERT INTO t VALUES (1)',
      'DELETE FROM t',
      'SELECT 1 FOR UPDATE',
      'COMMIT',
      'WITH x AS (UPDATE t SET n = 1 RETURNING n) SELECT n FROM x',
    ])
      expect(locks.mayBlock(session, sql), sql).toBe(false);
    for (const sql of [
      ALTER,
      'TRUNCATE t',
      'LOCK TABLE t',
      'DROP TABLE t',
      'CREATE INDEX CONCURRENTLY i ON t (n)',
      'DO $$ BEGIN END $$',
      'CALL p()',
    ])
      expect(locks.mayBlock(session, sql), sql).toBe(true);
  });

  it('a session-level advisory lock outlives its transaction until the session is reset', () => {
    for (const sql of ['SELECT pg_advisory_lock(7)', 'select pg_try_advisory_lock_shared ($1)']) {
      const { locks, session } = after([sql, 'I']);
      expect(locks.mayBlock(session, 'SELECT pg_advisory_xact_lock(7)'), sql).toBe(true);
      locks.reset(session);
      expect(locks.mayBlock(session, 'SELECT pg_advisory_xact_lock(7)'), sql).toBe(false);
    }
    // The transaction-level kind goes with the transaction.
    const { locks, session } = after(['SELECT pg_advisory_xact_lock(7)', 'I']);
    expect(locks.mayBlock(session, 'SELECT pg_advisory_xact_lock(7)')).toBe(false);
  });
});
