/**
 * How `syncsim validate-migration <migration> --world legacy-ids-gym-4` runs a migration here:
 * the deps are the operator's (`{ db, stream }`, both gated), the scope is one gym (`gym=4`), in
 * scope is that gym's rows and its team's channels and users, everything else (gym 1's rows and
 * channel, the legacy user records other gyms still use) must stay byte-for-byte the same.
 */
import type { HistoryEvent, MigrationWorld, ScriptedFault } from 'syncsim';
import { roomFailureThreshold, type MigrationAction, type MigrationReport } from '../../../src/chat/index.ts';
import { domainInvariants } from './invariants/index.ts';
import { dryRunDifferences } from './invariants/dry-run-equals-apply.ts';
import { streamClientFor } from './legacy-ids-gym-4-actors.ts';
import { legacyIdsLiveActors } from './legacy-ids-gym-4-live-actors.ts';
import { legacyIdsSnapshots } from './legacy-ids-gym-4-snapshot-world.ts';
import { migrationRateLimits } from './migration-rate-limits.ts';
import { channelFingerprint, gymRows, userFingerprint, type LegacyIdsWorld } from './legacy-ids-gym-4-world.ts';
import { isWrite } from './migration-writes.ts';
import { gymOf, streamIdsMigration } from './stream-ids-migration.ts';

const ROOM_SWAP = 'POST /channels/{type}/{id}';

export const legacyIdsMigrationWorld: MigrationWorld<LegacyIdsWorld> = {
  builtins: { 'stream-ids': streamIdsMigration },
  defaultScope: { gym: '4' },
  // The invariants below judge incident B's gym 4 (its rooms, its legacy members) only.
  scopeProblem: (scope) =>
    scope.gym === '4'
      ? undefined
      : `legacy-ids-gym-4 can judge a migration of gym 4 only (its invariants know that gym's rooms), not --scope gym=${scope.gym ?? ''}`,
  // `--snapshot FILE`: a real app's gym 4 (syncsim snapshot stream) in place of the report's.
  snapshots: legacyIdsSnapshots,
  // The clock lets the migration pace itself by Stream's rate-limit headers (criterion 8).
  deps: (env) => ({ db: env.db, stream: streamClientFor(env), clock: env.clock }),
  async inScope({ db, world, scope }) {
    const gym = gymOf(scope);
    const store = world.fake.store;
    const channels = [...store.channels.values()]
      .filter((channel) => channel.deletedAt === undefined && channel.team === `gym_${gym}`)
      .map((channel) => ({
        cid: channel.cid,
        custom: channel.custom,
        members: [...channel.members.values()].map((m) => `${m.userId}:${m.channelRole}`).sort(),
        messages: channel.messages.map((m) => `${m.id}:${m.userId}:${m.text}`),
      }))
      .sort((a, b) => a.cid.localeCompare(b.cid));
    const users = [...store.users.values()]
      .filter((user) => user.deletedAt === undefined && user.id.startsWith(`gym_${gym}_`))
      .map((user) => ({ id: user.id, teams: user.teams, role: user.role, custom: user.custom }))
      .sort((a, b) => a.id.localeCompare(b.id));
    return { rows: await gymRows(db, gym), channels, users };
  },
  async outsideScope({ db, world, scope }) {
    const gym = gymOf(scope);
    const store = world.fake.store;
    const others = await db.query<{ gym_id: string }>(
      'SELECT DISTINCT gym_id FROM chat_rooms WHERE gym_id <> $1 ORDER BY gym_id',
      [gym],
    );
    const rows = [];
    for (const other of others.rows) rows.push(await gymRows(db, Number(other.gym_id)));
    const channels = [...store.channels.values()]
      .filter((channel) => channel.team !== `gym_${gym}`)
      .map((channel) => `${channel.cid} ${channelFingerprint(channel)}`)
      .sort();
    const users = [...store.users.values()]
      .filter((user) => !user.id.startsWith(`gym_${gym}_`))
      .map((user) => `${user.id} ${userFingerprint(user)}`)
      .sort();
    return { rows, channels, users };
  },
  isWrite,
  dryRunDifferences: (plan, result, history, actor) =>
    // A user's module may report no outcomes: then only its writes are checked against its plan.
    dryRunDifferences(
      plan.actions as MigrationAction[],
      result && 'outcomes' in result ? (result as MigrationReport) : undefined,
      history,
      actor,
    ),
  invariants: [...domainInvariants],
  liveActors: ({ world }) => legacyIdsLiveActors(world),
  rateLimits: migrationRateLimits,
  overThreshold(plan, history, actor) {
    // HTTP 500 on the member swaps of just over the threshold's share of the rooms, the first
    // room spared, so the run has started phase 2 when it must stop.
    const rooms = plan.actions.filter((a) => (a as MigrationAction).kind === 'migrate-room').length;
    const failing = Math.floor(rooms * roomFailureThreshold) + 1;
    const requests = history.filter(
      (e: HistoryEvent) => e.type === 'invoke' && e.actor === actor && e.system !== 'pg' && e.system !== 'actor',
    );
    const swaps = requests.flatMap((e, i) => (e.operation === ROOM_SWAP && isWrite(e) ? [i + 1] : []));
    return swaps.slice(1, 1 + failing).map((at): ScriptedFault => ({ kind: 'http-500', actor, at }));
  },
};
