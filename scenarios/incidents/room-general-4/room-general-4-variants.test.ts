/**
 * room-general-4's `breaks` variants break what they should, for the reason the report gives:
 * the per-gym audit reports room_General_4 twice and never as a wrong team; deleting and
 * recreating the channel loses the messages user 4 and the others wrote.
 * `npx syncsim reproduce room-general-4` prints all three variants side by side.
 */
import { describe, expect, it } from 'vitest';
import { expectMet, fileCaseEngine, runScenario, withSeed } from 'syncsim/vitest';
import { roomGeneral4Scenario } from './room-general-4.scenario.ts';

const engine = fileCaseEngine();

describe('room-general-4 variants', () => {
  it.each([
    [
      'before',
      ['each-fault-once-as-itself', 'team-matches-gym'],
      'room_General_4 is wrong-team (gym 5) but was reported only-in-stream (gym 1) and only-in-db (gym 5)',
    ],
    [
      'delete-recreate',
      ['no-message-loss'],
      'acknowledged message(s) of messaging:room_General_4 are in neither the channel nor an export',
    ],
  ])('%s breaks %j, saying why', async (variant, broken, message) => {
    const result = expectMet(await runScenario(roomGeneral4Scenario, variant, engine(), withSeed));
    expect(result.broken.sort()).toEqual(broken);
    expect(result.violations.map((v) => v.message).join('\n')).toContain(message);
  });
});
