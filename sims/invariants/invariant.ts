/**
 * An invariant is a named, small check over the state of a run (the database through an
 * ungated connection, the world the scenario built, the history). It returns every violation it
 * finds, each with enough detail for an operator to act on; an empty list means it holds.
 *
 * Safety invariants must hold at every phase boundary while faults are active; liveness
 * invariants (convergence, nothing stuck) are only checked once the run has healed.
 */
import type { Queryable } from '../../src/db/db.ts';
import type { HistoryEvent } from '../history/history.ts';

export type InvariantKind = 'safety' | 'liveness';

export interface Violation {
  invariant: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface CheckContext<World> {
  db: Queryable;
  world: World;
  history: readonly HistoryEvent[];
}

export interface Invariant<World> {
  name: string;
  kind: InvariantKind;
  description: string;
  check(context: CheckContext<World>): Promise<Violation[]> | Violation[];
}

export function defineInvariant<World>(invariant: Invariant<World>): Invariant<World> {
  if (!/^[a-z][a-z0-9-]*$/.test(invariant.name)) {
    throw new Error(`invariant name '${invariant.name}' must be kebab-case (e.g. no-null-unit)`);
  }
  return invariant;
}

/** Check every invariant of the given kinds; violations come back in invariant order. */
export async function checkInvariants<World>(
  invariants: readonly Invariant<World>[],
  kinds: readonly InvariantKind[],
  context: CheckContext<World>,
): Promise<Violation[]> {
  const violations: Violation[] = [];
  for (const invariant of invariants) {
    if (!kinds.includes(invariant.kind)) continue;
    for (const violation of await invariant.check(context))
      violations.push({ ...violation, invariant: invariant.name });
  }
  return violations;
}
