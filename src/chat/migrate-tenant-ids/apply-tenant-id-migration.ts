// Performs a plan (plan-tenant-id-migration.ts), checking each action against Stream as it is NOW,
// because the plan may be minutes old and an earlier run, killed half way, may have done part of
// it: a user already in the team and a member already swapped are not written again (a re-run
// converges, a second run writes nothing). Its only writes are the plan's: one request per room,
// and per batch of users one upsert of the new ones and one partial update of those that exist
// without the team.
// Ordering: phase 2 starts only when every user of phase 1 is done, and a room is touched only
// when every gym_{g}_user_{u} it will hold exists in Stream with team gym_{g} (read back after
// phase 1, not assumed).
// A room's new ids are added and its legacy ids removed in ONE request on the existing channel:
// the channel id and its history stay, and no room is ever left with half its members migrated.
// With a clock in the deps, every Stream request waits when its endpoint's rate-limit budget is
// spent (pace-stream-requests.ts), so a large gym is not refused half way.
// More than 20% of the rooms failing stops the run (the runbook's threshold); what is done is
// done correctly and what is not is planned again by the next run.
import { gymTeam, parseStreamUserId } from '../stream-user-id.ts';
import { channelPath } from '../channel-path.ts';
import { getListedChannel } from '../get-listed-channel.ts';
import type { MigrationAction } from './migration-action.ts';
import { roomFailureThreshold, type MigrationOutcome, type MigrationReport } from './migration-report.ts';
import { paceMigration, type MigrationDeps } from './read-migration-state.ts';
import { readStreamUsers } from './read-stream-users.ts';

type UpsertUsers = Extract<MigrationAction, { kind: 'upsert-users' }>;
type MigrateRoom = Extract<MigrationAction, { kind: 'migrate-room' }>;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

async function upsertUsers(deps: MigrationDeps, action: UpsertUsers): Promise<MigrationOutcome> {
  const team = gymTeam(action.gymId);
  const teams = await readStreamUsers(
    deps.stream,
    action.users.map((user) => user.id),
  );
  const todo = action.users.filter((user) => !(teams.get(user.id) ?? []).includes(team));
  if (todo.length === 0) return { action, result: 'skipped', why: 'already done' };
  // New users in one request (Stream validates a batch as a whole). A user that exists without
  // the team gets it by a partial update: a full upsert would wipe the data the app gave it.
  const missing = todo.filter((user) => !teams.has(user.id));
  const teamless = todo.filter((user) => teams.has(user.id));
  if (missing.length > 0)
    await deps.stream.upsertUsers(
      missing.map((user) => ({ id: user.id, teams: [team], ...(user.name === null ? {} : { name: user.name }) })),
    );
  if (teamless.length > 0)
    await deps.stream.partialUpdateUsers(
      teamless.map((user) => ({ id: user.id, set: { teams: [...(teams.get(user.id) ?? []), team] } })),
    );
  return { action, result: 'applied' };
}

async function migrateRoom(
  deps: MigrationDeps,
  action: MigrateRoom,
  ready: ReadonlyMap<string, readonly string[]>,
): Promise<MigrationOutcome> {
  const team = gymTeam(action.gymId);
  const channel = await getListedChannel(deps.stream, action.cid);
  if (!channel) return { action, result: 'skipped', why: 'the channel is gone' };
  if (channel.team !== team)
    return { action, result: 'skipped', why: `the channel is in team ${channel.team ?? '(none)'} now` };
  const members = new Set(channel.memberIds);
  const add = action.add.filter((id) => !members.has(id));
  const remove = action.remove.filter((id) => members.has(id));
  if (add.length === 0 && remove.length === 0) return { action, result: 'skipped', why: 'already done' };
  // Every member the room will have under this gym's new ids, not only those added now: one
  // that joined since the plan (not read back) counts as not ready, and the next run plans it.
  const after = [...members].filter((id) => !remove.includes(id)).concat(add);
  const missing = after.filter((id) => {
    const parsed = parseStreamUserId(id);
    return parsed?.kind === 'tenant' && parsed.gymId === action.gymId && !(ready.get(id) ?? []).includes(team);
  });
  if (missing.length > 0)
    return { action, result: 'failed', why: `not in Stream with team ${team}: ${missing.join(', ')}` };
  await deps.stream.post(channelPath(deps.stream, action.cid), {
    ...(add.length > 0 ? { add_members: add } : {}),
    ...(remove.length > 0 ? { remove_members: remove } : {}),
  });
  return { action, result: 'applied' };
}

export async function applyTenantIdMigration(
  deps: MigrationDeps,
  actions: readonly MigrationAction[],
): Promise<MigrationReport> {
  paceMigration(deps);
  const outcomes: MigrationOutcome[] = [];
  const notRun = (rest: readonly MigrationAction[], why: string) =>
    outcomes.push(...rest.map((action): MigrationOutcome => ({ action, result: 'not-run', why })));
  const users = actions.filter((action): action is UpsertUsers => action.kind === 'upsert-users');
  const rooms = actions.filter((action): action is MigrateRoom => action.kind === 'migrate-room');

  for (const action of users) {
    try {
      outcomes.push(await upsertUsers(deps, action));
    } catch (error) {
      outcomes.push({ action, result: 'failed', why: message(error) });
    }
  }
  if (outcomes.some((outcome) => outcome.result === 'failed')) {
    const stopped = 'phase 1 did not finish: no room was touched (run again)';
    notRun(rooms, stopped);
    return { outcomes, stopped };
  }
  if (rooms.length === 0) return { outcomes };

  let ready: Map<string, string[]>;
  try {
    ready = await readStreamUsers(
      deps.stream,
      rooms.flatMap((room) => room.members.filter((id) => parseStreamUserId(id)?.kind === 'tenant')),
    );
  } catch (error) {
    const stopped = `could not read the users back after phase 1 (${message(error)}): no room was touched (run again)`;
    notRun(rooms, stopped);
    return { outcomes, stopped };
  }
  let failed = 0;
  for (const [at, action] of rooms.entries()) {
    let outcome: MigrationOutcome;
    try {
      outcome = await migrateRoom(deps, action, ready);
    } catch (error) {
      outcome = { action, result: 'failed', why: message(error) };
    }
    outcomes.push(outcome);
    if (outcome.result === 'failed') failed++;
    if (failed > rooms.length * roomFailureThreshold) {
      const stopped = `${failed} of ${rooms.length} room(s) failed, more than ${roomFailureThreshold * 100}%: stopped (run again once the cause is fixed)`;
      notRun(rooms.slice(at + 1), stopped);
      return { outcomes, stopped };
    }
  }
  return { outcomes };
}
