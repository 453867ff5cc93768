/**
 * The violations of a failing case as console lines, grouped by invariant: up to `perInvariant`
 * of each shown, the rest counted. A cleanup that left 86 conversations wrong is one problem
 * seen 86 times; 86 lines push the interleaving and the replay line off the screen.
 */
import type { Violation } from '../invariants/invariant.ts';

export function violationLines(violations: readonly Violation[], perInvariant = 3): string[] {
  const groups = new Map<string, Violation[]>();
  for (const v of violations) groups.set(v.invariant, [...(groups.get(v.invariant) ?? []), v]);
  const lines: string[] = [];
  for (const [invariant, group] of groups) {
    // Showing all but one and then "1 more" would save nothing: cut only when it saves lines.
    const shown = group.length > perInvariant + 1 ? group.slice(0, perInvariant) : group;
    for (const v of shown) lines.push(`${invariant}: ${v.message}`);
    if (shown.length < group.length)
      lines.push(
        `${invariant}: ... and ${group.length - shown.length} more (${group.length} in all; every one in --json)`,
      );
  }
  return lines;
}
