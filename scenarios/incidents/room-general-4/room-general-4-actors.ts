/**
 * Who acts in incident A's world: the operator (an audit, then, in the fixed variants, the
 * repair with its export directory) and user 4, who keeps writing in room_General_4 while the
 * operator works, so a repair that loses history loses messages somebody just sent.
 */
import { StreamChat } from 'stream-chat';
import type { Actor, ActorEnv } from 'syncsim';
import {
  applyStreamRepair,
  auditStream,
  planStreamRepair,
  type ApplyStreamRepairDeps,
  type AuditReport,
  type RepairAction,
  type RepairOutcome,
} from '../../../src/chat/index.ts';
import { perGymAudit } from './per-gym-audit.ts';
import {
  GENERAL,
  STREAM_KEY,
  STREAM_SECRET,
  STREAM_URL,
  type AuditSeen,
  type RoomGeneral4World,
} from './room-general-4-world.ts';

export type Repair = (deps: ApplyStreamRepairDeps, actions: readonly RepairAction[]) => Promise<RepairOutcome[]>;

export function streamClientFor(env: ActorEnv): StreamChat {
  return env.gateStream(new StreamChat(STREAM_KEY, STREAM_SECRET, { baseURL: STREAM_URL, disableCache: true }));
}

function seen(report: AuditReport): AuditSeen {
  return {
    findings: report.findings,
    synced: new Map(report.gyms.map((gym) => [gym.gymId, gym.counts.synced])),
  };
}

/**
 * The operator's run: the team's per-gym audit alone (no repair existed), or src/chat's audit
 * and the repair planned from it, applied by `repair` into the operator's export directory.
 */
export function operatorActor(world: RoomGeneral4World, repair: Repair | 'team-audit-only', startMs: number): Actor {
  return {
    name: 'operator',
    async run(env) {
      await env.clock.sleep(startMs);
      const stream = streamClientFor(env);
      if (repair === 'team-audit-only') {
        world.audits.push(await perGymAudit(env.db, stream, [1, 4, 5]));
        return;
      }
      const report = await auditStream({ db: env.db, stream, clock: env.clock });
      world.audits.push(seen(report));
      const gyms = await env.db.query<{ id: string }>('SELECT id FROM gyms');
      const plan = planStreamRepair(report.findings, { existingGyms: new Set(gyms.rows.map((row) => Number(row.id))) });
      world.repairs.push(await repair({ db: env.db, stream, exportDir: env.fs }, plan));
    },
  };
}

/** user_4 writes in room_General_4 after each gap; a send that failed was never acknowledged. */
export function memberActor(world: RoomGeneral4World, gapsMs: readonly number[]): Actor {
  return {
    name: 'user-4',
    async run(env) {
      const stream = streamClientFor(env);
      for (const [i, gap] of gapsMs.entries()) {
        await env.clock.sleep(gap);
        try {
          const sent = await stream
            .channel('messaging', GENERAL)
            .sendMessage({ text: `still here ${i + 1}`, user_id: 'user_4' });
          world.acknowledged.set(sent.message.id, `messaging:${GENERAL}`);
        } catch {
          // Not acknowledged: the user sees an error and the message was never theirs to lose.
        }
      }
    },
  };
}

export const srcRepair: Repair = applyStreamRepair;
