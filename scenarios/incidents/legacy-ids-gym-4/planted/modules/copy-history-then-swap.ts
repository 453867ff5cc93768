/**
 * Planted for validate-migration's criterion 7 (live traffic): phase 1 as src/chat's, then each
 * room is rebuilt under the same channel id with the new member ids and its history copied over
 * (same message ids), read ONCE: read the channel's messages, hard-delete it, create it again with
 * the new members, send the history back. Alone it keeps every message (criterion 6 passes); with
 * customers posting, a message Stream acknowledged between the read and the delete is gone.
 */
import type { MigrationModule } from 'syncsim';
import {
  applyTenantIdMigration,
  gymTeam,
  type MigrationDeps,
  type MigrationPlan,
} from '../../../../../src/chat/index.ts';
import { streamIdsMigration } from '../../stream-ids-migration.ts';

interface ChannelState {
  messages?: { id: string; text: string; type: string; user: { id: string } }[];
}

const copyHistoryThenSwap: MigrationModule<MigrationDeps, MigrationPlan> = {
  name: 'planted-copy-history-then-swap',
  plan: (deps, scope) => streamIdsMigration.plan(deps, scope),
  async apply(deps, plan) {
    const { stream } = deps;
    const report = await applyTenantIdMigration(
      deps,
      plan.actions.filter((action) => action.kind === 'upsert-users'),
    );
    if (report.stopped) return report;
    for (const action of plan.actions) {
      if (action.kind !== 'migrate-room') continue;
      const url = `${stream.baseURL}/channels/${action.cid.replace(':', '/')}`;
      const state = await stream.post<ChannelState>(`${url}/query`, {
        state: true,
        watch: false,
        presence: false,
        messages: { limit: 300 },
      });
      await stream.delete(url, { hard_delete: true });
      await stream.post(`${url}/query`, {
        data: {
          team: gymTeam(action.gymId),
          gym_id: String(action.gymId),
          members: action.members,
          created_by_id: 'admin',
        },
        state: false,
        watch: false,
        presence: false,
      });
      for (const message of (state.messages ?? []).filter((m) => m.type === 'regular'))
        await stream.post(`${url}/message`, {
          message: { id: message.id, text: message.text, user_id: message.user.id },
        });
    }
    return {};
  },
};

export default copyHistoryThenSwap;
