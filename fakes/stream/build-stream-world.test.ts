/**
 * The seeded world: deterministic per seed, obeys the store's rules (it is built through
 * them), and has the shapes scenarios need: multi-gym members, rooms per gym with team and
 * gym_id, direct chats, events, messages.
 */
import { describe, expect, it } from 'vitest';
import { buildStreamWorld } from './build-stream-world.ts';
import { StreamStore } from './stream-store.ts';

const build = (seed: number) => {
  const store = new StreamStore({ now: () => Date.parse('2026-03-01T00:00:00Z') });
  const world = buildStreamWorld(store, { seed });
  return { store, world };
};

describe('buildStreamWorld', () => {
  it('is a function of the seed', () => {
    const a = build(3);
    const b = build(3);
    expect(b.world).toEqual(a.world);
    expect(JSON.stringify(b.store.snapshot())).toBe(JSON.stringify(a.store.snapshot()));
    expect(build(4).world).not.toEqual(a.world);
  });

  it('does not depend on the worlds built before it (one Faker, reseeded per world)', () => {
    const first = JSON.stringify(build(3).store.snapshot());
    build(4);
    build(11);
    expect(JSON.stringify(build(3).store.snapshot())).toBe(first);
  });

  it('has rooms per gym (team + gym_id), direct chats, events, messages and multi-gym members', () => {
    let multiGym = 0;
    for (let seed = 0; seed < 5; seed++) {
      const { store, world } = build(seed);
      for (const gym of world.gyms) {
        const room = store.channels.get(gym.roomCid)!;
        expect(room.team).toBe(gym.id);
        expect(room.custom.gym_id).toBe(gym.id);
        expect(room.messages.length).toBeGreaterThan(0);
        for (const member of room.members.keys()) expect(store.users.get(member)!.teams).toContain(gym.id);
      }
      expect(world.directCids.length).toBeGreaterThanOrEqual(world.gyms.length);
      expect(world.eventCids).toHaveLength(world.gyms.length);
      multiGym += world.memberIds.filter((id) => store.users.get(id)!.teams.length > 1).length;
    }
    expect(multiGym).toBeGreaterThan(0);
  });
});
