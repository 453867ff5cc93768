/**
 * A seeded, realistic Stream app: gyms (teams), members with multi-gym memberships, staff, one
 * room per gym, direct chats between staff and members, event channels and messages. Written
 * through the store's own methods, so the world obeys the same rules as API calls. Same seed,
 * same world (a private Faker instance, reseeded per world, never the global one).
 */
import { Faker, en } from '@faker-js/faker';
import { parseGetOrCreate, parseMessage, parseUpsertUsers } from './stream-requests.ts';
import type { StreamStore } from './stream-store.ts';

export interface StreamWorldOptions {
  seed: number;
  gyms?: number;
  membersPerGym?: number;
  messagesPerRoom?: number;
}

export interface StreamWorld {
  gyms: Array<{ id: string; name: string; roomCid: string; staffId: string }>;
  memberIds: string[];
  directCids: string[];
  eventCids: string[];
}

// One Faker, reseeded per world (seed() starts its generator afresh, so it draws what a new one
// would; constructing one costs milliseconds). The build is synchronous: no world draws between.
const faker = new Faker({ locale: [en] });

export function buildStreamWorld(store: StreamStore, options: StreamWorldOptions): StreamWorld {
  faker.seed(options.seed);
  const gymCount = options.gyms ?? faker.number.int({ min: 2, max: 4 });
  const perGym = options.membersPerGym ?? faker.number.int({ min: 3, max: 6 });
  const gyms = Array.from({ length: gymCount }, (_, i) => ({
    id: `gym-${i + 1}`,
    name: `${faker.location.city()} Fitness`,
    staffId: `staff-${i + 1}`,
  }));

  const teamsOf = new Map<string, string[]>();
  const users: Record<string, Record<string, unknown>> = {};
  for (const gym of gyms) {
    users[gym.staffId] = { id: gym.staffId, name: faker.person.fullName(), role: 'user', teams: [gym.id], staff: true };
    for (let m = 0; m < perGym; m++) {
      const id = `member-${faker.string.alphanumeric({ length: 8, casing: 'lower' })}`;
      // Some members belong to a second gym: multi-gym memberships are where tenancy bugs hide.
      const extra = faker.datatype.boolean({ probability: 0.3 }) ? faker.helpers.arrayElement(gyms).id : undefined;
      const teams = [...new Set([gym.id, ...(extra ? [extra] : [])])];
      teamsOf.set(id, teams);
      users[id] = { id, name: faker.person.fullName(), phone: faker.phone.number({ style: 'international' }), teams };
    }
  }
  store.upsertUsers(parseUpsertUsers(users));
  const memberIds = [...teamsOf.keys()];

  const world: StreamWorld = { gyms: [], memberIds, directCids: [], eventCids: [] };
  for (const gym of gyms) {
    const inGym = memberIds.filter((id) => teamsOf.get(id)!.includes(gym.id));
    const roomId = `${gym.id}-room`;
    store.getOrCreateChannel(
      parseGetOrCreate('messaging', roomId, {
        data: {
          created_by_id: gym.staffId,
          team: gym.id,
          gym_id: gym.id,
          name: `${gym.name} lobby`,
          members: [gym.staffId, ...inGym],
        },
      }),
    );
    world.gyms.push({ ...gym, roomCid: `messaging:${roomId}` });
    const messages = options.messagesPerRoom ?? faker.number.int({ min: 1, max: 4 });
    for (let k = 0; k < messages; k++) {
      store.sendMessage(
        'messaging',
        roomId,
        parseMessage({ text: faker.lorem.sentence(), user_id: faker.helpers.arrayElement([gym.staffId, ...inGym]) }),
      );
    }
    for (const member of faker.helpers.arrayElements(inGym, { min: 1, max: Math.min(2, inGym.length) })) {
      const id = `${gym.id}-dm-${member}`;
      store.getOrCreateChannel(
        parseGetOrCreate('messaging', id, {
          data: {
            created_by_id: gym.staffId,
            team: gym.id,
            gym_id: gym.id,
            kind: 'direct',
            members: [gym.staffId, member],
          },
        }),
      );
      world.directCids.push(`messaging:${id}`);
    }
    const eventId = `${gym.id}-event-${faker.number.int({ min: 100, max: 999 })}`;
    store.getOrCreateChannel(
      parseGetOrCreate('messaging', eventId, {
        data: {
          created_by_id: gym.staffId,
          team: gym.id,
          gym_id: gym.id,
          kind: 'event',
          name: `${faker.word.adjective()} ${faker.word.noun()} class`,
          members: [gym.staffId, ...inGym.slice(0, 2)],
        },
      }),
    );
    world.eventCids.push(`messaging:${eventId}`);
  }
  return world;
}
