// Applies a repair plan (plan-stream-repair.ts). Each action is checked again against the world
// as it is NOW, because the plan came from an audit that may be minutes old and another run may
// have done part of it: a channel already in the right team, an event that came back, a room
// that moved or a channel already deleted is skipped with the reason. That makes a second apply
// do nothing, and a run that crashed half way converge on the next one (audit, plan, apply).
// What it never does: delete a channel whose messages were not exported and read back first,
// or delete and recreate a channel (set team / gym_id are partial updates in place).
// One failing action (Stream 5xx, a lost response, a page that is not Stream's JSON) is reported
// and the others still run; every action is idempotent, so the operator runs the command again.
// A refusal (401/403: a revoked key, a firewall) stops the whole repair at once: every further
// action would be refused too, and hammering a firewall with them only gets the host blocked.
import type { StreamChat } from 'stream-chat';
import type { SessionFs } from '../bot/session-fs.ts';
import type { Db } from '../db/db.ts';
import { withTransaction } from '../db/with-transaction.ts';
import { createRoomFromChannel } from './create-room-from-channel.ts';
import { exportChannelMessages, newestMessageId } from './export-channel-messages.ts';
import { channelPath } from './channel-path.ts';
import { getListedChannel } from './get-listed-channel.ts';
import type { RepairAction } from './plan-stream-repair.ts';
import { gymTeam } from './stream-user-id.ts';
import { streamCall, StreamRefusedError } from './stream-call.ts';

export interface ApplyStreamRepairDeps {
  readonly db: Db;
  readonly stream: StreamChat;
  /** Where orphan channels' messages go before the delete; without it nothing is deleted. */
  readonly exportDir?: SessionFs;
}

export type RepairOutcome =
  | { readonly action: RepairAction; readonly result: 'applied'; readonly exported?: number }
  | { readonly action: RepairAction; readonly result: 'skipped' | 'left' | 'failed'; readonly why: string };

async function roomGym(db: Db, channelId: string): Promise<number | undefined> {
  const { rows } = await db.query<{ gym_id: string }>('SELECT gym_id FROM chat_rooms WHERE stream_channel_id = $1', [
    channelId,
  ]);
  return rows[0] ? Number(rows[0].gym_id) : undefined;
}

type Step = { result: 'applied'; exported?: number } | { result: 'skipped'; why: string };

type Applicable = Exclude<RepairAction, { kind: 'needs-decision' }>;

async function applyOne(deps: ApplyStreamRepairDeps, action: Applicable): Promise<Step> {
  const { db, stream } = deps;
  switch (action.kind) {
    case 'set-team':
    case 'set-gym-id': {
      const channel = await getListedChannel(stream, action.cid);
      if (!channel) return { result: 'skipped', why: 'the channel is gone' };
      const gym = await roomGym(db, channel.id);
      if (gym !== action.gymId) return { result: 'skipped', why: `its room is in gym ${gym ?? '(none)'} now` };
      const set = action.kind === 'set-team' ? { team: gymTeam(action.gymId) } : { gym_id: String(action.gymId) };
      const current = action.kind === 'set-team' ? channel.team : channel.gymId;
      if (current === Object.values(set)[0]) return { result: 'skipped', why: 'already done' };
      // A partial update keeps the channel, its members and every message.
      await streamCall('PATCH /channels/{type}/{id}', () => stream.patch(channelPath(stream, action.cid), { set }));
      return { result: 'applied' };
    }
    case 'create-room': {
      const channel = await getListedChannel(stream, action.cid);
      if (!channel) return { result: 'skipped', why: 'the channel is gone' };
      const created = await withTransaction(db, (tx) => createRoomFromChannel(tx, channel));
      if (created.kind === 'refused') return { result: 'skipped', why: created.why };
      return created.kind === 'created' ? { result: 'applied' } : { result: 'skipped', why: 'already done' };
    }
    case 'export-and-delete': {
      if (!deps.exportDir) return { result: 'skipped', why: 'no export directory: nothing is deleted without one' };
      const event = await db.query('SELECT 1 FROM events WHERE id = $1', [action.eventId]);
      if ((event.rowCount ?? 0) > 0) return { result: 'skipped', why: `event ${action.eventId} exists` };
      if ((await roomGym(db, action.channelId)) !== undefined) return { result: 'skipped', why: 'a room uses it' };
      const channel = await getListedChannel(stream, action.cid);
      if (!channel) return { result: 'skipped', why: 'already deleted' };
      // Frozen first: Stream refuses new messages to a frozen channel, so none can arrive between
      // the last look below and the delete (one did, in properties-chat, and was lost). A message
      // posted before the freeze reached Stream: the looks below see it and export it again.
      await streamCall('PATCH /channels/{type}/{id}', () =>
        stream.patch(channelPath(stream, action.cid), { set: { frozen: true } }),
      );
      // A message posted while the export ran would be deleted unexported: look again right
      // before the delete, and export again while the channel keeps changing (bounded: a channel
      // that is busy is not an orphan anyone should delete now).
      let exported = await exportChannelMessages(stream, channel, deps.exportDir);
      for (let look = 0; (await newestMessageId(stream, channel)) !== exported.newestId; look++) {
        if (look === 2) return { result: 'skipped', why: 'messages keep arriving: not deleted' };
        exported = await exportChannelMessages(stream, channel, deps.exportDir);
      }
      await streamCall('DELETE /channels/{type}/{id}', () => stream.delete(channelPath(stream, action.cid)));
      return { result: 'applied', exported: exported.count };
    }
  }
}

export async function applyStreamRepair(
  deps: ApplyStreamRepairDeps,
  actions: readonly RepairAction[],
): Promise<RepairOutcome[]> {
  const outcomes: RepairOutcome[] = [];
  for (const action of actions) {
    if (action.kind === 'needs-decision') {
      outcomes.push({ action, result: 'left', why: action.why });
      continue;
    }
    try {
      outcomes.push({ action, ...(await applyOne(deps, action)) });
    } catch (error) {
      if (error instanceof StreamRefusedError) throw error;
      outcomes.push({ action, result: 'failed', why: error instanceof Error ? error.message : String(error) });
    }
  }
  return outcomes;
}
