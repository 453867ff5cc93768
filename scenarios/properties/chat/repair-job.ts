/**
 * `syncsim repair stream [--gym-id N] [--apply]` as its command runs it (src/chat/stream-ops-cli.ts),
 * minus the process edge: audit (scoped to the gym when one is given, matching across all of
 * them), plan for the existing gyms and the scope, apply with the export directory. A read-only
 * audit job stops after the audit. `onAudit` hands the report to the world as soon as the audit
 * returned, so its window ends there and not after the repair.
 */
import type { StreamChat } from 'stream-chat';
import type { ApplyStreamRepairDeps, RepairOutcome } from '../../../src/chat/apply-stream-repair.ts';
import type { AuditReport, AuditStreamDeps, AuditStreamOptions } from '../../../src/chat/audit-stream.ts';
import { planStreamRepair, type RepairAction } from '../../../src/chat/plan-stream-repair.ts';
import type { Clock, Db, SessionFs } from 'syncsim';

export interface RepairJobDeps {
  db: Db;
  stream: StreamChat;
  clock: Clock;
  exportDir: SessionFs;
  audit(deps: AuditStreamDeps, options: AuditStreamOptions): Promise<AuditReport>;
  apply(deps: ApplyStreamRepairDeps, plan: readonly RepairAction[]): Promise<RepairOutcome[]>;
}

export interface RepairJobOptions {
  gymIds: readonly number[] | undefined;
  pageSize: number;
  apply: boolean;
  onAudit(report: AuditReport): void;
}

export type RepairJob = (deps: RepairJobDeps, options: RepairJobOptions) => Promise<RepairOutcome[]>;

export const repairJob: RepairJob = async (deps, options) => {
  const { db, stream, clock } = deps;
  const scope = options.gymIds ? { gymIds: options.gymIds } : {};
  const report = await deps.audit({ db, stream, clock }, { ...scope, list: { pageSize: options.pageSize } });
  options.onAudit(report);
  if (!options.apply) return [];
  const gyms = await db.query<{ id: string }>('SELECT id FROM gyms');
  const plan = planStreamRepair(report.findings, {
    existingGyms: new Set(gyms.rows.map((row) => Number(row.id))),
    ...scope,
  });
  return deps.apply({ db, stream, exportDir: deps.exportDir }, plan);
};
