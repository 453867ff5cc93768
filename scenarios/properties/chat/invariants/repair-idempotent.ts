/**
 * repair-idempotent (liveness, after heal): with faults off, the heal phase's first
 * `repair stream --apply` converges and the second finds nothing to do: it applies and fails no
 * action, and leaves both sides exactly as they were (channels with their members, messages and
 * update times; rooms and members; exported files).
 */
import { defineInvariant, type Violation } from 'syncsim';
import type { ChatWorld } from '../chat-world.ts';

function firstDifference(a: string, b: string): Record<string, unknown> {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return { at: i, before: a.slice(Math.max(0, i - 120), i + 120), after: b.slice(Math.max(0, i - 120), i + 120) };
}

export const repairIdempotent = defineInvariant<ChatWorld>({
  name: 'repair-idempotent',
  kind: 'liveness',
  description: 'after heal, a second repair --apply does nothing',
  check({ world }) {
    const violations: Violation[] = [];
    const report = (message: string, details?: Record<string, unknown>) =>
      violations.push({ invariant: 'repair-idempotent', message, ...(details ? { details } : {}) });
    const rounds = world.heal.rounds;
    if (rounds.length < 2) report(`the heal phase ran ${rounds.length} repair round(s), need 2`);
    for (const [i, round] of rounds.entries())
      if (round.error !== undefined) report(`heal repair ${i + 1} threw: ${round.error}`);
    const second = rounds[1];
    if (second) {
      const acted = second.outcomes.filter((outcome) => outcome.result === 'applied' || outcome.result === 'failed');
      if (acted.length > 0)
        report(`the second repair still had ${acted.length} action(s) to do`, {
          actions: acted.map((outcome) => ({ ...outcome.action, result: outcome.result })),
        });
      if (second.before !== second.after)
        report('the second repair changed the world', firstDifference(second.before, second.after));
    }
    return violations;
  },
});
