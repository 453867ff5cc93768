/**
 * stays-stored (safety, history-based, checked during chaos): once a booking's reservation is in
 * the table, it stays there for as long as the site has the booking. The guest chat reads the
 * table at any moment; a sync that deletes rows and writes them back leaves a window in which a
 * guest's stay is "not found" (and, if it stops in between, until the next sync), and the end
 * state shows nothing. Judged over the same samples as reservation-id-stable: a booking stored in
 * one sample and missing from a later one while its site still has it (sample.live is read
 * after the table, and a booking never comes back from the trash here).
 */
import { defineInvariant, type Violation } from 'syncsim';
import type { HotelWorld } from '../hotel-world.ts';
import { readReservationSample } from '../reservation-sample.ts';

export const staysStored = defineInvariant<HotelWorld>({
  name: 'stays-stored',
  kind: 'safety',
  description: 'a stored reservation is never missing while its booking exists',
  async check({ db, world }) {
    const samples = [...(world.samples ?? []), await readReservationSample(db, world, 'this check')];
    const stored = new Map<string, string>();
    const reported = new Set<string>();
    const violations: Violation[] = [];
    for (const sample of samples) {
      for (const [key, label] of stored)
        if (!sample.ids.has(key) && sample.live.has(key) && !reported.has(key)) {
          reported.add(key);
          violations.push({
            invariant: 'stays-stored',
            message: `booking ${key}: stored (${label}) but missing (${sample.label}) while MotoPress still has it`,
            details: { booking: key, storedAt: label, missingAt: sample.label },
          });
        }
      for (const key of sample.ids.keys()) if (!stored.has(key)) stored.set(key, sample.label);
    }
    return violations;
  },
});
