/**
 * The runbook trusts the dry-run ("dry-run for gym 4, run gym 4"): every write the real run made
 * right after it was an action the dry-run printed (the users of a printed upsert, the members of
 * a printed room), and, when the real run finished without failures, every printed action was
 * done by it or found already done. A dry-run that skips a step the real run performs breaks it.
 */
import { defineInvariant, type HistoryEvent, type Violation } from 'syncsim';
import { describeMigrationAction, type MigrationAction, type MigrationReport } from '../../../../src/chat/index.ts';
import type { LegacyIdsWorld } from '../legacy-ids-gym-4-world.ts';
import { writesOf } from '../migration-writes.ts';

const room = (actions: readonly MigrationAction[], channelId: string) =>
  actions.find((a) => a.kind === 'migrate-room' && a.cid === `messaging:${channelId}`) as
    Extract<MigrationAction, { kind: 'migrate-room' }> | undefined;

export const dryRunEqualsApply = defineInvariant<LegacyIdsWorld>({
  name: 'dry-run-equals-apply',
  kind: 'safety',
  description: 'the real run writes only what the dry-run printed, and does all of it when nothing fails',
  check({ world, history }) {
    const printed = world.dryRun?.actions;
    if (!printed || !world.applied?.report) return [];
    return dryRunDifferences(printed, world.applied.report, history, 'operator').map((message): Violation => ({
      invariant: 'dry-run-equals-apply',
      message,
    }));
  },
});

/** What `actor` wrote that `printed` did not say, and (after a clean run) what it said but did not do. */
export function dryRunDifferences(
  printed: readonly MigrationAction[],
  report: MigrationReport | undefined,
  history: readonly HistoryEvent[],
  actor: string,
): string[] {
  const differences: string[] = [];
  const unprinted = (what: string) => differences.push(`the run wrote ${what}, which the dry-run did not print`);
  const users = new Set(printed.flatMap((a) => (a.kind === 'upsert-users' ? a.users.map((u) => u.id) : [])));
  for (const write of writesOf(history, actor)) {
    if (write.kind === 'upsert-users') {
      for (const id of write.ids) if (!users.has(id)) unprinted(`user ${id}`);
    } else if (write.kind === 'update-members') {
      const action = room(printed, write.channelId);
      const extra = [
        ...write.add.filter((id) => !action?.add.includes(id)).map((id) => `+${id}`),
        ...write.remove.filter((id) => !action?.remove.includes(id)).map((id) => `-${id}`),
      ];
      if (extra.length > 0) unprinted(`${extra.join(' ')} on ${write.channelId}`);
    } else unprinted(write.what);
  }
  if (report && !report.stopped && report.outcomes.every((o) => o.result === 'applied' || o.result === 'skipped')) {
    // Compared by effect (which users, which room's swap), not by line: a run may batch differently.
    const doneUsers = new Set(
      report.outcomes.flatMap((o) => (o.action.kind === 'upsert-users' ? o.action.users.map((u) => u.id) : [])),
    );
    const doneRooms = report.outcomes.flatMap((o) => (o.action.kind === 'migrate-room' ? [o.action] : []));
    const notDone = (what: string) => differences.push(`the dry-run printed ${what} but the run did not do it`);
    for (const action of printed) {
      if (action.kind === 'upsert-users') {
        for (const user of action.users) if (!doneUsers.has(user.id)) notDone(`an upsert of ${user.id}`);
      } else if (!doneRooms.some((room) => describeMigrationAction(room) === describeMigrationAction(action)))
        notDone(`"${describeMigrationAction(action)}"`);
    }
  }
  return differences;
}
