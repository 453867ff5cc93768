/**
 * Work an actor left running: the built-in invariant `no-leaked-work`, checked in every
 * scenario. Incident D's rewrite broke on async calls nobody awaited: the caller returned, the
 * write ran later (or never), and what the caller reported was not what happened. An actor's
 * gated operation that
 * - is still pending (at the gate, running, or not yet handed back) when the actor's run()
 *   settles, or
 * - reaches the gate after the actor's run() settled
 * is work outliving its caller. The bridge records both; the runner turns them into violations
 * like any broken invariant (shrunk, with a replay line), not into a crash of the run.
 */
import type { Violation } from '../invariants/invariant.ts';
import { describeCallSite } from './call-site.ts';

export const NO_LEAKED_WORK = 'no-leaked-work';

/** A leak's `startedAt` when its run captured no call sites (runCase then replays the case with them). */
const NOT_CAPTURED = 'a line not captured (call sites were off)';

export type LeakKind = 'pending-when-run-settled' | 'started-after-run-settled';

export interface LeakedWork {
  kind: LeakKind;
  actor: string;
  system: string;
  operation: string;
  /** The statement, for a Postgres operation (what an operator recognises). */
  sql?: string;
  /** Where the operation was started (see call-site.ts); absent when the run captured none. */
  site?: Error;
}

export function leakViolations(leaks: readonly LeakedWork[]): Violation[] {
  return leaks.map((leak) => {
    const what = leak.sql ?? `${leak.system} ${leak.operation}`;
    const startedAt = leak.site ? describeCallSite(leak.site) : NOT_CAPTURED;
    const when =
      leak.kind === 'pending-when-run-settled'
        ? 'was still pending when its run() settled (a promise of gated I/O never awaited)'
        : 'was started after its run() had settled';
    return {
      invariant: NO_LEAKED_WORK,
      message: `${leak.actor}: ${what} ${when}; started at ${startedAt}`,
      details: {
        actor: leak.actor,
        kind: leak.kind,
        system: leak.system,
        operation: leak.operation,
        ...(leak.sql !== undefined ? { sql: leak.sql } : {}),
        startedAt,
      },
    };
  });
}
