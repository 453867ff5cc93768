/**
 * Could this statement wait on a lock held by another transaction? The bridge probes
 * `pg_blocking_pids` while such a statement runs; for one that cannot, probing would only cost
 * round trips (a plain SELECT, BEGIN, COMMIT). The answer is a speed hint, never a correctness
 * one: a statement judged "cannot wait" that does wait (a SELECT calling a volatile function
 * that updates rows, a deferred constraint at COMMIT) is still probed after a short grace period.
 */
const CONTROL = /^\s*(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE|SHOW|SET|RESET)\b/i;
const READ = /^\s*(SELECT|WITH|VALUES|TABLE)\b/i;
const TAKES_LOCKS =
  /\b(INSERT|UPDATE|DELETE|MERGE|FOR\s+(NO\s+KEY\s+)?UPDATE|FOR\s+(KEY\s+)?SHARE|LOCK|pg_advisory_(xact_)?lock(_shared)?|pg_advisory_lock)\b/i;

export function mayWaitOnLock(sql: string): boolean {
  if (CONTROL.test(sql)) return false;
  if (READ.test(sql)) return TAKES_LOCKS.test(sql);
  return true;
}
