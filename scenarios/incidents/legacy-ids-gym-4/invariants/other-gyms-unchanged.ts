/**
 * A migration of gym 4 changes nothing else: other teams' channels (gym 1's shares user 8), every
 * Stream user that is not gym_4_user_{u} (the legacy user records stay: other gyms still use
 * them), and the other gyms' rows in Postgres are exactly as they were.
 */
import { defineInvariant, type Violation } from 'syncsim';
import {
  channelFingerprint,
  GYM,
  otherGymsRows,
  userFingerprint,
  type LegacyIdsWorld,
} from '../legacy-ids-gym-4-world.ts';

export const otherGymsUnchanged = defineInvariant<LegacyIdsWorld>({
  name: 'other-gyms-unchanged',
  kind: 'safety',
  description: "other gyms' channels and rows, and every user outside gym_4_user_*, are unchanged",
  async check({ db, world }) {
    const violations: Violation[] = [];
    const store = world.fake.store;
    for (const [key, before] of world.untouched) {
      const [what, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
      const record = what === 'user' ? store.users.get(id) : store.channels.get(`messaging:${id}`);
      const now =
        record === undefined
          ? 'gone'
          : what === 'user'
            ? userFingerprint(store.users.get(id)!)
            : channelFingerprint(store.channels.get(`messaging:${id}`)!);
      if (now !== before) violations.push({ invariant: 'other-gyms-unchanged', message: `${what} ${id} changed` });
    }
    if ((await otherGymsRows(db, GYM)) !== world.otherGymRows)
      violations.push({
        invariant: 'other-gyms-unchanged',
        message: `the rows of gyms other than ${GYM} in Postgres changed`,
      });
    return violations;
  },
});
