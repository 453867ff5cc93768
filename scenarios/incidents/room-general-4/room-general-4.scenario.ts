/**
 * room-general-4 (incidents.md section A): a Stream channel in the wrong tenant. The world is
 * the report's (room-general-4-world.ts); the operator audits (and, once fixed, repairs) while
 * user 4 keeps writing in room_General_4.
 *
 * Variants:
 *   before          the team's per-gym audit: room_General_4 is "1 only in Stream" for gym 1 and
 *                   "1 only in DB" for gym 5, never a wrong team; the orphan event channels are
 *                   just "only in Stream": breaks each-fault-once-as-itself;
 *   after           src/chat: one wrong-team, two orphan-event-channel, nine only-in-db, five
 *                   synced; the repair moves the channel to gym_5 in place (every message kept),
 *                   exports then deletes the event channels, touches nothing of gym 4's synced
 *                   rooms, and a second repair applies nothing: holds;
 *   delete-recreate the report's rejected option 3 (delete the channel, create it again in
 *                   gym_5): breaks no-message-loss.
 */
import * as fc from 'fast-check';
import { defineScenario, type Actor, type ActorsContext } from 'syncsim';
import { deleteRecreateRepair } from './delete-recreate-repair.ts';
import {
  eachFaultOnceAsItself,
  noMessageLoss,
  repairIdempotent,
  syncedRoomsUntouched,
  teamMatchesGym,
} from './invariants/index.ts';
import { memberActor, operatorActor, srcRepair } from './room-general-4-actors.ts';
import { buildRoomGeneral4, type RoomGeneral4World } from './room-general-4-world.ts';

export interface RoomGeneral4Input {
  /** When the operator starts, in simulated ms. */
  operatorStartMs: number;
  /** The gaps between user 4's messages. */
  messageGapsMs: number[];
}

type Context = ActorsContext<RoomGeneral4Input, RoomGeneral4World>;

const member = ({ input, world }: Context): Actor => memberActor(world, input.messageGapsMs);

export const roomGeneral4Scenario = defineScenario<RoomGeneral4Input, RoomGeneral4World>({
  id: 'room-general-4',
  kind: 'incident',
  title:
    'room_General_4: a Stream channel in the wrong tenant, seen as two problems and repaired without losing history',
  source: 'incidents.md section A',
  input: fc.record({
    operatorStartMs: fc.integer({ min: 0, max: 2_000 }),
    messageGapsMs: fc.array(fc.integer({ min: 0, max: 1_500 }), { minLength: 1, maxLength: 4 }),
  }),
  // The operator runs the audit on the morning after the room row appeared.
  startTime: '2025-10-27T09:00:00.000Z',
  world: (ctx) => buildRoomGeneral4(ctx),
  invariants: [eachFaultOnceAsItself, noMessageLoss, teamMatchesGym, syncedRoomsUntouched, repairIdempotent],
  variants: {
    before: {
      description: "the team's per-gym audit (team filter per gym), no repair",
      expect: 'breaks',
      breaks: ['each-fault-once-as-itself'],
      actors: (ctx) => [operatorActor(ctx.world, 'team-audit-only', ctx.input.operatorStartMs), member(ctx)],
      heal: () => [],
    },
    after: {
      description: 'src/chat: audit across all gyms, repair in place, export before delete',
      expect: 'holds',
      actors: (ctx) => [operatorActor(ctx.world, srcRepair, ctx.input.operatorStartMs), member(ctx)],
      heal: ({ world }) => [operatorActor(world, srcRepair, 0)],
    },
    'delete-recreate': {
      description: "the report's option 3: delete room_General_4 and create it again in gym_5",
      expect: 'breaks',
      breaks: ['no-message-loss'],
      actors: (ctx) => [operatorActor(ctx.world, deleteRecreateRepair, ctx.input.operatorStartMs), member(ctx)],
      heal: () => [],
    },
  },
  defaultVariant: 'after',
  runs: 30,
});
