/**
 * The guest chat, reading the reservations table while the syncs run, as it does in production
 * to answer guests. Each look is one gated read after `waits` scheduled pauses, so when it looks
 * is part of the case's schedule (replayed and shrunk like everything else); what it saw goes to
 * world.samples for the history-based invariants. A look a fault breaks is simply lost.
 */
import type { Actor } from 'syncsim';
import type { HotelWorld } from './hotel-world.ts';
import { readReservationSample } from './reservation-sample.ts';

export function watcherActor(world: HotelWorld, looks: readonly number[]): Actor {
  return {
    name: 'guest-chat',
    async run(env) {
      const samples = (world.samples ??= []);
      for (const [i, waits] of looks.entries()) {
        for (let wait = 0; wait <= waits; wait++) await env.clock.sleep(1);
        try {
          samples.push(await readReservationSample(env.db, world, `guest-chat look ${i + 1}`));
        } catch {
          // A lost connection or a timeout on the read: this look saw nothing.
        }
      }
    },
  };
}
