/**
 * The audit the operator ran first (before any repair) reported each true fault of the world
 * exactly once, as what it is, in the gym it belongs to, and nothing else; and it counted the
 * synced rooms right. Incident A's per-gym audit fails this: room_General_4 shows up twice
 * (only in Stream for gym 1, only in DB for gym 5) and never as a wrong team.
 */
import { defineInvariant, type Violation } from 'syncsim';
import type { RoomGeneral4World } from '../room-general-4-world.ts';

export const eachFaultOnceAsItself = defineInvariant<RoomGeneral4World>({
  name: 'each-fault-once-as-itself',
  kind: 'liveness',
  description: 'the first audit reports every true fault once, as its own kind and gym, and nothing else',
  check({ world }) {
    const audit = world.audits[0];
    if (!audit) return [{ invariant: 'each-fault-once-as-itself', message: 'no audit finished' }];
    const violations: Violation[] = [];
    const said = (id: string) =>
      audit.findings.filter((f) => f.channelId === id).map((f) => `${f.kind} (gym ${f.gymId ?? 'none'})`);
    for (const fault of world.truth) {
      const reported = said(fault.channelId);
      const expected = `${fault.kind} (gym ${fault.gymId})`;
      if (reported.length !== 1 || reported[0] !== expected)
        violations.push({
          invariant: 'each-fault-once-as-itself',
          message: `${fault.channelId} is ${expected} but was reported ${reported.length === 0 ? 'not at all' : reported.join(' and ')}`,
          details: { channelId: fault.channelId, truth: expected, reported },
        });
    }
    const faulty = new Set(world.truth.map((fault) => fault.channelId));
    for (const finding of audit.findings)
      if (!faulty.has(finding.channelId))
        violations.push({
          invariant: 'each-fault-once-as-itself',
          message: `${finding.channelId} is fine but was reported ${finding.kind} (gym ${finding.gymId ?? 'none'})`,
        });
    const synced = audit.synced.get(4) ?? 0;
    if (synced !== world.syncedChannels.length)
      violations.push({
        invariant: 'each-fault-once-as-itself',
        message: `gym 4 has ${world.syncedChannels.length} synced rooms but the audit counted ${synced}`,
      });
    return violations;
  },
});
