import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ListedChannel } from '../listed-channel.ts';
import type { MigrationAction } from './migration-action.ts';
import type { MigrationState } from './migration-state.ts';
import { planTenantIdMigration } from './plan-tenant-id-migration.ts';

const channel = (id: string, team: string | null, memberIds: string[]): ListedChannel => ({
  cid: `messaging:${id}`,
  id,
  type: 'messaging',
  team,
  gymId: team?.slice(4) ?? null,
  createdAt: '2025-09-01T10:00:00.000Z',
  memberIds: [...memberIds].sort(),
});

const state = (overrides: Partial<MigrationState>): MigrationState => ({
  gymId: 4,
  rooms: [],
  users: [],
  channels: new Map(),
  streamUsers: new Map(),
  ...overrides,
});

/** What Stream looks like after the actions ran (the apply's effect, for the idempotence check). */
function applied(before: MigrationState, actions: readonly MigrationAction[]): MigrationState {
  const streamUsers = new Map(before.streamUsers);
  const channels = new Map(before.channels);
  for (const action of actions) {
    if (action.kind === 'upsert-users') for (const user of action.users) streamUsers.set(user.id, ['gym_4']);
    else {
      const id = action.cid.slice('messaging:'.length);
      const old = channels.get(id)!;
      const members = new Set(old.memberIds);
      action.add.forEach((m) => members.add(m));
      action.remove.forEach((m) => members.delete(m));
      channels.set(id, { ...old, memberIds: [...members].sort() });
    }
  }
  return { ...before, streamUsers, channels };
}

describe('planTenantIdMigration', () => {
  it("plans incident B's shapes: users without the team, rooms in place, other gyms' ids and other teams left", () => {
    const plan = planTenantIdMigration(
      state({
        rooms: [
          { roomId: 640, channelId: 'direct_user_10_user_11', memberUsers: [10, 11] },
          { roomId: 644, channelId: 'room_4_644', memberUsers: [17, 21] },
          { roomId: 643, channelId: 'room_4_643', memberUsers: [21] },
          { roomId: 645, channelId: 'room_4_645', memberUsers: [21] },
          { roomId: 646, channelId: 'room_General_4', memberUsers: [4] },
        ],
        users: [10, 11, 17, 21].map((userId) => ({ userId, name: `User ${userId}` })),
        channels: new Map([
          ['direct_user_10_user_11', channel('direct_user_10_user_11', 'gym_4', ['user_10', 'user_11'])],
          // Half done by hand: user_17 is there under both ids; gym_5_user_3 is another gym's.
          ['room_4_644', channel('room_4_644', 'gym_4', ['user_17', 'gym_4_user_17', 'gym_4_user_21', 'gym_5_user_3'])],
          ['room_4_643', channel('room_4_643', 'gym_4', ['gym_4_user_21'])],
          ['room_General_4', channel('room_General_4', 'gym_1', ['user_4'])],
        ]),
        streamUsers: new Map([
          ['gym_4_user_11', []],
          ['gym_4_user_21', ['gym_4']],
        ]),
      }),
    );
    expect(plan.actions).toEqual([
      {
        kind: 'upsert-users',
        gymId: 4,
        users: [
          { id: 'gym_4_user_10', name: 'User 10' },
          { id: 'gym_4_user_11', name: 'User 11' },
          { id: 'gym_4_user_17', name: 'User 17' },
        ],
      },
      {
        kind: 'migrate-room',
        gymId: 4,
        roomId: 640,
        cid: 'messaging:direct_user_10_user_11',
        add: ['gym_4_user_10', 'gym_4_user_11'],
        remove: ['user_10', 'user_11'],
        members: ['gym_4_user_10', 'gym_4_user_11'],
      },
      {
        kind: 'migrate-room',
        gymId: 4,
        roomId: 644,
        cid: 'messaging:room_4_644',
        add: [],
        remove: ['user_17'],
        members: ['gym_4_user_17', 'gym_4_user_21', 'gym_5_user_3'],
      },
    ]);
    expect(plan.left).toEqual([
      { roomId: 645, channelId: 'room_4_645', why: 'no channel in Stream (the audit reports it)' },
      {
        roomId: 646,
        channelId: 'room_General_4',
        why: 'its channel is in team gym_1, not gym_4: run repair stream first',
      },
    ]);
  });

  it('upserts at most 100 users per action', () => {
    const users = Array.from({ length: 250 }, (_, i) => ({ userId: i + 1, name: null }));
    const plan = planTenantIdMigration(state({ users }));
    expect(plan.actions.map((a) => (a.kind === 'upsert-users' ? a.users.length : 0))).toEqual([100, 100, 50]);
  });

  it('once its actions are done, plans nothing (any mix of legacy, new and foreign member ids)', () => {
    const member = fc.oneof(
      fc.integer({ min: 1, max: 9 }).map((u) => `user_${u}`),
      fc.integer({ min: 1, max: 9 }).map((u) => `gym_4_user_${u}`),
      fc.integer({ min: 1, max: 9 }).map((u) => `gym_5_user_${u}`),
    );
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(member, { maxLength: 6 }), { maxLength: 5 }), (rooms) => {
        const before = state({
          rooms: rooms.map((_, i) => ({ roomId: i + 1, channelId: `room_4_${i + 1}`, memberUsers: [] })),
          users: Array.from({ length: 9 }, (_, i) => ({ userId: i + 1, name: null })),
          channels: new Map(rooms.map((ids, i) => [`room_4_${i + 1}`, channel(`room_4_${i + 1}`, 'gym_4', ids)])),
        });
        const after = applied(before, planTenantIdMigration(before).actions);
        expect(planTenantIdMigration(after).actions).toEqual([]);
        for (const ch of after.channels.values()) expect(ch.memberIds.filter((id) => /^user_/.test(id))).toEqual([]);
      }),
    );
  });
});
