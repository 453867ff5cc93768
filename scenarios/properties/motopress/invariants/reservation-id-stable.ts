/**
 * reservation-id-stable (safety, history-based): a booking's reservation keeps its id for as long
 * as the booking exists in MotoPress. Messages, notes and the guest chat's threads hang off that
 * id; a sync that deletes and re-inserts a reservation instead of updating it ends with the same
 * values, so no end-state invariant can see it. Judged over the samples of the table taken
 * before the run (legacy rows included), by the guest-chat watcher while the syncs run, and by
 * this check itself. A booking trashed or deleted at the site may lose its reservation (and a
 * sync still holding an old listing may store it once more, with a new id): only a change seen
 * while the site still has the booking counts.
 */
import { defineInvariant, type Violation } from 'syncsim';
import type { HotelWorld } from '../hotel-world.ts';
import { readReservationSample } from '../reservation-sample.ts';

export const reservationIdStable = defineInvariant<HotelWorld>({
  name: 'reservation-id-stable',
  kind: 'safety',
  description: "a reservation's id never changes while its booking exists",
  async check({ db, world }) {
    const samples = [...(world.samples ?? []), await readReservationSample(db, world, 'this check')];
    const last = new Map<string, { id: string; label: string }>();
    const violations: Violation[] = [];
    for (const sample of samples)
      for (const [key, id] of sample.ids) {
        const before = last.get(key);
        last.set(key, { id, label: sample.label });
        if (before === undefined || before.id === id || !sample.live.has(key)) continue;
        violations.push({
          invariant: 'reservation-id-stable',
          message: `booking ${key}: reservation ${before.id} (${before.label}) became reservation ${id} (${sample.label}) while MotoPress still has the booking`,
          details: { booking: key, before: before.id, after: id },
        });
      }
    return violations;
  },
});
