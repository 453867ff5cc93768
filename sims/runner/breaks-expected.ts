/**
 * Which failing case a run reports. A `breaks` variant is run to show that it breaks the
 * invariants it names: a case that breaks only others (a planted cross-tenant lookup that shows
 * up first as a missing unit) is noted, and the search goes on. For a `holds` variant any broken
 * invariant is the finding.
 */
import type { CaseOutcome } from './run-case.ts';
import type { Variant } from './scenario.ts';

/** The names of the invariants a case broke, each once, in the order they were checked. */
export function invariantsBroken(outcome: Pick<CaseOutcome, 'violations'>): string[] {
  return [...new Set(outcome.violations.map((v) => v.invariant))];
}

export function breaksExpected(
  variant: Pick<Variant<unknown, unknown>, 'expect' | 'breaks'>,
  broken: readonly string[],
): boolean {
  if (broken.length === 0) return false;
  return variant.expect === 'holds' || (variant.breaks ?? []).every((name) => broken.includes(name));
}

/**
 * While shrinking, a smaller case still counts only if it keeps the failure being shrunk: the
 * named invariants of a `breaks` variant, or at least one invariant the first failure broke.
 * Without this, shrinking slips to whatever else a smaller input breaks, and the report names
 * a different bug from the one found.
 */
export function keepsFailure(
  variant: Pick<Variant<unknown, unknown>, 'expect' | 'breaks'>,
  first: readonly string[],
  broken: readonly string[],
): boolean {
  if (variant.expect === 'breaks') return breaksExpected(variant, broken);
  return broken.some((name) => first.includes(name));
}
