// The repair plan: pure, from the audit's findings to the actions a run would take, so a
// dry-run prints exactly what --apply does. What it will do, and why it is safe:
// - wrong team / wrong gym_id: a partial update of the channel in place (keeps the channel,
//   its members and every message; deleting and recreating would lose the history);
// - a channel only in Stream becomes a room (with its members) only when its team and gym_id
//   agree and that gym exists: otherwise nobody can say which gym it belongs to;
// - an orphan event channel is deleted only after its messages are exported, and apply checks
//   again that the event is really gone;
// - everything else (rooms whose channel is gone, member differences, legacy ids) is reported
//   for a person to decide: no automatic action can know the right answer.
// Only findings of the selected gyms are planned: a repair never touches another tenant.
import type { AuditFinding } from './audit-finding.ts';
import { gymTeam, parseGymTeam } from './stream-user-id.ts';

export type RepairAction =
  | { readonly kind: 'set-team'; readonly cid: string; readonly gymId: number; readonly from: string | null }
  | { readonly kind: 'set-gym-id'; readonly cid: string; readonly gymId: number; readonly from: string | null }
  | {
      readonly kind: 'create-room';
      readonly cid: string;
      readonly channelId: string;
      readonly gymId: number;
      readonly eventId: number | null;
      readonly memberUsers: readonly number[];
    }
  | { readonly kind: 'export-and-delete'; readonly cid: string; readonly channelId: string; readonly eventId: number }
  | {
      readonly kind: 'needs-decision';
      readonly channelId: string;
      readonly gymId: number | null;
      readonly why: string;
    };

export interface RepairScope {
  /** Gyms to repair; undefined: all. */
  readonly gymIds?: readonly number[];
  /** Gyms that exist in the database (a room may only be created in one of them). */
  readonly existingGyms: ReadonlySet<number>;
}

function inScope(finding: AuditFinding, scope: RepairScope): boolean {
  return scope.gymIds === undefined || (finding.gymId !== null && scope.gymIds.includes(finding.gymId));
}

function actionFor(finding: AuditFinding, scope: RepairScope): RepairAction | RepairAction[] | undefined {
  const { channelId, cid, gymId } = finding;
  switch (finding.kind) {
    case 'synced':
      return undefined;
    case 'wrong-team':
      // gymId is the room's gym here: the database says where the room lives. A channel moved by
      // hand may carry the wrong gym_id too: put both back in this run, or the next audit finds
      // team-metadata-mismatch and a second run has work left (properties-chat: repair-idempotent).
      if (!cid || gymId === null) return undefined;
      return [
        { kind: 'set-team', cid, gymId, from: finding.team },
        ...(finding.channelGymId === String(gymId)
          ? []
          : [{ kind: 'set-gym-id', cid, gymId, from: finding.channelGymId } as const]),
      ];
    case 'team-metadata-mismatch':
      return cid && gymId !== null ? { kind: 'set-gym-id', cid, gymId, from: finding.channelGymId } : undefined;
    case 'orphan-event-channel':
      return cid && finding.eventId !== null
        ? { kind: 'export-and-delete', cid, channelId, eventId: finding.eventId }
        : undefined;
    case 'only-in-stream': {
      const teamGym = parseGymTeam(finding.team);
      const agree = teamGym !== undefined && finding.channelGymId === String(teamGym);
      if (teamGym !== undefined && scope.gymIds !== undefined && !scope.gymIds.includes(teamGym)) return undefined;
      if (cid && agree && scope.existingGyms.has(teamGym)) {
        return {
          kind: 'create-room',
          cid,
          channelId,
          gymId: teamGym,
          eventId: finding.eventId,
          memberUsers: finding.memberUsers,
        };
      }
      const why = !agree
        ? `team ${finding.team ?? '(none)'} and gym_id ${finding.channelGymId ?? '(none)'} disagree`
        : `gym ${teamGym} does not exist`;
      return { kind: 'needs-decision', channelId, gymId, why: `only in Stream, not synced: ${why}` };
    }
    case 'only-in-db':
      return { kind: 'needs-decision', channelId, gymId, why: 'the room has no channel in Stream' };
    case 'legacy-member-ids':
      return { kind: 'needs-decision', channelId, gymId, why: 'members have legacy ids: run the tenant-id migration' };
    case 'member-mismatch':
      return { kind: 'needs-decision', channelId, gymId, why: 'members differ between Stream and the database' };
  }
}

export function planStreamRepair(findings: readonly AuditFinding[], scope: RepairScope): RepairAction[] {
  return findings.filter((finding) => inScope(finding, scope)).flatMap((finding) => actionFor(finding, scope) ?? []);
}

/** One line per action, as the dry-run prints it. */
export function describeRepairAction(action: RepairAction): string {
  switch (action.kind) {
    case 'set-team':
      return `set team of ${action.cid}: ${action.from ?? '(none)'} -> ${gymTeam(action.gymId)} (in place, history kept)`;
    case 'set-gym-id':
      return `set gym_id of ${action.cid}: ${action.from ?? '(none)'} -> ${action.gymId} (in place)`;
    case 'create-room':
      return `create room for ${action.cid} in gym ${action.gymId} with ${action.memberUsers.length} member(s)`;
    case 'export-and-delete':
      return `export messages of ${action.cid}, then delete it (event ${action.eventId} is gone)`;
    case 'needs-decision':
      return `leave ${action.channelId}${action.gymId === null ? '' : ` (gym ${action.gymId})`}: ${action.why}`;
  }
}
