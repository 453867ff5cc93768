/**
 * Which sessions of a case could hold a lock another session's statement waits for, judged from
 * what was sent on each and the transaction status Postgres reports after every statement
 * (ReadyForQuery: 'I' idle, 'T' in a transaction, 'E' in a failed one).
 *
 * The bridge probes `pg_blocking_pids` while a statement that may wait runs; when no other
 * session could be holding anything it would wait for, that probe is a wasted round trip (in
 * lost-update:locked, a quarter of all statements the case sent). Like `mayWaitOnLock`, the
 * answer is a speed hint, never a correctness one: a statement judged free that does wait (on a
 * session outside the case, or on a lock a plain SELECT's function took) is still probed after
 * the bridge's grace period, so the run and its history are the same, only slower.
 */
import { mayWaitOnLock } from './may-wait-on-lock.ts';

/** Session-level advisory locks outlive the transaction that took them (the xact_ ones do not). */
const SESSION_ADVISORY = /\bpg_(try_)?advisory_lock(_shared)?\s*\(/i;

/**
 * Statements whose locks conflict with at most row locks and the locks DML takes: a transaction
 * that has only read holds ACCESS SHARE locks, which only these cannot wait for. Anything else
 * (DDL, LOCK, DO, CALL, CREATE INDEX CONCURRENTLY waiting for old snapshots) could.
 */
const PLAIN =
  /^\s*(SELECT|WITH|VALUES|TABLE|INSERT|UPDATE|DELETE|MERGE|BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE|SHOW|SET|RESET)\b/i;

export class SessionLocks<Session extends object> {
  readonly #status = new WeakMap<Session, string>();
  /** Sent a statement that takes row or stronger locks in the transaction still open (or running). */
  readonly #wrote = new WeakSet<Session>();
  readonly #advisory = new WeakSet<Session>();

  /** `session` is about to send `sql`; `takesLocks` is `mayWaitOnLock(sql)`, already worked out by the gate. */
  sent(session: Session, sql: string, takesLocks = mayWaitOnLock(sql)): void {
    if (takesLocks) this.#wrote.add(session);
    if (SESSION_ADVISORY.test(sql)) this.#advisory.add(session);
  }

  /** Postgres reported `session` ready for the next statement, with its transaction status. */
  ready(session: Session, status: string): void {
    this.#status.set(session, status);
    if (status === 'I') this.#wrote.delete(session);
  }

  /** The session's state was reset (its advisory locks released). */
  reset(session: Session): void {
    this.#advisory.delete(session);
  }

  /** Could `session`, if it is not running anything, hold a lock `sql` (sent by another) waits for? */
  mayBlock(session: Session, sql: string): boolean {
    if (this.#wrote.has(session) || this.#advisory.has(session)) return true;
    const status = this.#status.get(session) ?? 'I';
    return status !== 'I' && !PLAIN.test(sql);
  }
}
