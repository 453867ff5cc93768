/**
 * Sleeps on the case's clock one second at a time. The scheduler orders wake-ups, not
 * durations: one sleep of 20 s is one pick, like one of 1 s, so an actor that slept in one go
 * would do all its work at the start of the race. In one-second steps its pauses spread its
 * work over the race as they spread it over time (a message lands in the middle of an audit).
 */
import type { ActorEnv } from 'syncsim';

export async function sleepInSeconds(env: ActorEnv, ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= 1000) await env.clock.sleep(Math.min(1000, left));
}
