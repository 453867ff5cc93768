/**
 * audit-matches-truth (liveness): the audit reports the faults the world truly has.
 * - After heal, the last (read-only) audit's findings are exactly the non-synced facts of the
 *   world as it is left, each once, as what it is, with its gym and room (world-facts.ts reads
 *   them from Postgres and the fake's store, without the audit's code).
 * - Every audit of the case, run while users, webhooks and repairs raced it: a room reported
 *   "only in DB" had no channel for some of the audit's window; a channel live in Stream from the
 *   audit's first request to its report cannot have been missed by its listing. An audit of all
 *   gyms counts every channel it listed, once, under a kind other than "only in DB" (its per-gym
 *   counts): that is at least the channels live for its whole window, rooms or not.
 */
import { defineInvariant, type Violation } from 'syncsim';
import type { ChatWorld } from '../chat-world.ts';
import { readWorldFacts } from './world-facts.ts';

const key = (f: { kind: string; channelId: string; gymId: number | null; roomId: number | null }) =>
  `${f.kind} ${f.channelId} gym=${f.gymId ?? 'none'} room=${f.roomId ?? 'none'}`;

export const auditMatchesTruth = defineInvariant<ChatWorld>({
  name: 'audit-matches-truth',
  kind: 'liveness',
  description: "the audit's findings are the true faults of the world, each once",
  async check({ db, world }) {
    const violations: Violation[] = [];
    const report = (message: string, details: Record<string, unknown>) =>
      violations.push({ invariant: 'audit-matches-truth', message, details });
    for (const audit of world.audits) {
      if (audit.gymIds === undefined) {
        const listed = audit.report.gyms.reduce(
          (sum, gym) =>
            sum +
            Object.entries(gym.counts)
              .filter(([kind]) => kind !== 'only-in-db')
              .reduce((n, [, count]) => n + count, 0),
          0,
        );
        const live = world.ledger.liveThroughoutAll(audit.from, audit.to);
        if (listed < live.length)
          report(
            `${audit.actor}'s audit counted ${listed} channel(s), but ${live.length} were live in Stream for the whole audit`,
            { actor: audit.actor, listed, live, window: [audit.from, audit.to] },
          );
      }
      for (const finding of audit.report.findings) {
        if (
          finding.kind === 'only-in-db' &&
          world.ledger.liveThroughout(`messaging:${finding.channelId}`, audit.from, audit.to)
        )
          report(
            `${audit.actor}'s audit reported room ${finding.roomId} only in DB, but channel ${finding.channelId} was live in Stream for the whole audit`,
            {
              actor: audit.actor,
              channelId: finding.channelId,
              window: [audit.from, audit.to],
            },
          );
      }
    }
    const final = world.heal.finalAudit;
    if (!final) {
      report('the heal phase left no final audit', {});
      return violations;
    }
    const truth = (await readWorldFacts(db, world)).facts
      .filter((fact) => fact.kind !== 'synced')
      .map(key)
      .sort();
    const reported = final.findings.map(key).sort();
    const missing = truth.filter((k) => !reported.includes(k));
    const extra = reported.filter((k, i) => !truth.includes(k) || reported.indexOf(k) !== i);
    if (missing.length > 0 || extra.length > 0)
      report(
        `the final audit differs from the world: ${missing.length} fault(s) missing, ${extra.length} wrong or repeated`,
        {
          missing,
          extra,
        },
      );
    return violations;
  },
});
