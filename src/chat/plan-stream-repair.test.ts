import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditFindingKinds, type AuditFinding } from './audit-finding.ts';
import { describeRepairAction, planStreamRepair } from './plan-stream-repair.ts';

const finding = (overrides: Partial<AuditFinding> & Pick<AuditFinding, 'kind' | 'channelId'>): AuditFinding => ({
  cid: `messaging:${overrides.channelId}`,
  gymId: null,
  roomId: null,
  team: null,
  channelGymId: null,
  eventId: null,
  memberUsers: [],
  ...overrides,
});

const incidentA: AuditFinding[] = [
  finding({ kind: 'wrong-team', channelId: 'room_General_4', gymId: 5, roomId: 15, team: 'gym_1', channelGymId: '5' }),
  finding({
    kind: 'orphan-event-channel',
    channelId: 'event_644_d3d94468',
    gymId: 4,
    team: 'gym_4',
    channelGymId: '4',
    eventId: 644,
  }),
  finding({
    kind: 'orphan-event-channel',
    channelId: 'event_656_d3d94468',
    gymId: 4,
    team: 'gym_4',
    channelGymId: '4',
    eventId: 656,
  }),
  finding({ kind: 'only-in-db', channelId: 'room_4_9', cid: null, gymId: 4, roomId: 9 }),
];

describe('planStreamRepair', () => {
  it("incident A: fix room_General_4's team in place, export then delete the two orphan event channels", () => {
    const plan = planStreamRepair(incidentA, { existingGyms: new Set([1, 4, 5]) });
    expect(plan.map(describeRepairAction)).toEqual([
      'set team of messaging:room_General_4: gym_1 -> gym_5 (in place, history kept)',
      'export messages of messaging:event_644_d3d94468, then delete it (event 644 is gone)',
      'export messages of messaging:event_656_d3d94468, then delete it (event 656 is gone)',
      'leave room_4_9 (gym 4): the room has no channel in Stream',
    ]);
  });

  it('a channel in the wrong team with the wrong gym_id too gets both set back in one run', () => {
    const both = finding({
      kind: 'wrong-team',
      channelId: 'room_5_2',
      gymId: 5,
      roomId: 2,
      team: 'gym_1',
      channelGymId: '1',
    });
    expect(planStreamRepair([both], { existingGyms: new Set([1, 5]) }).map(describeRepairAction)).toEqual([
      'set team of messaging:room_5_2: gym_1 -> gym_5 (in place, history kept)',
      'set gym_id of messaging:room_5_2: 1 -> 5 (in place)',
    ]);
  });

  it('scoped to gym 4, nothing of gym 5 is planned; scoped to gym 1, nothing at all', () => {
    const existingGyms = new Set([1, 4, 5]);
    expect(planStreamRepair(incidentA, { gymIds: [4], existingGyms }).some((a) => 'gymId' in a && a.gymId === 5)).toBe(
      false,
    );
    expect(planStreamRepair(incidentA, { gymIds: [4], existingGyms })).toHaveLength(3);
    expect(planStreamRepair(incidentA, { gymIds: [1], existingGyms })).toEqual([]);
  });

  it('a channel only in Stream becomes a room only when team and gym_id agree and the gym exists', () => {
    const only = (team: string, gymId: string) =>
      finding({
        kind: 'only-in-stream',
        channelId: 'room_7_1',
        gymId: 7,
        team,
        channelGymId: gymId,
        memberUsers: [3, 4],
      });
    expect(planStreamRepair([only('gym_7', '7')], { existingGyms: new Set([7]) })).toEqual([
      {
        kind: 'create-room',
        cid: 'messaging:room_7_1',
        channelId: 'room_7_1',
        gymId: 7,
        eventId: null,
        memberUsers: [3, 4],
      },
    ]);
    expect(planStreamRepair([only('gym_7', '8')], { existingGyms: new Set([7, 8]) })[0]?.kind).toBe('needs-decision');
    expect(planStreamRepair([only('gym_7', '7')], { existingGyms: new Set([8]) })[0]?.kind).toBe('needs-decision');
  });

  it('never plans a deletion except of an orphan event channel, and every action stays in scope', () => {
    const anyFinding = fc.record({
      kind: fc.constantFrom(...auditFindingKinds),
      channelId: fc.constantFrom('room_1_1', 'room_2_2', 'event_9_ab'),
      cid: fc.option(fc.constant('messaging:x'), { nil: null }),
      gymId: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
      roomId: fc.constant(null),
      team: fc.option(fc.constantFrom('gym_1', 'gym_2', 'gym_9', 'x'), { nil: null }),
      channelGymId: fc.option(fc.constantFrom('1', '2', '9'), { nil: null }),
      eventId: fc.option(fc.integer({ min: 1, max: 9 }), { nil: null }),
      memberUsers: fc.array(fc.integer({ min: 1, max: 9 })),
    });
    fc.assert(
      fc.property(fc.array(anyFinding), fc.subarray([1, 2, 3, 4]), (findings, gymIds) => {
        const plan = planStreamRepair(findings, { gymIds, existingGyms: new Set([1, 2]) });
        for (const action of plan) {
          if (action.kind === 'export-and-delete') {
            expect(findings.some((f) => f.kind === 'orphan-event-channel' && f.cid === action.cid)).toBe(true);
          }
          if (action.kind === 'set-team' || action.kind === 'set-gym-id') expect(gymIds).toContain(action.gymId);
          if (action.kind === 'create-room') {
            expect([1, 2]).toContain(action.gymId);
            expect(gymIds).toContain(action.gymId);
          }
        }
        // One action per finding, two for a wrong team (its gym_id may need setting back too).
        const wrongTeams = findings.filter((f) => f.kind === 'wrong-team').length;
        expect(plan.length).toBeLessThanOrEqual(findings.length + wrongTeams);
      }),
    );
  });
});
