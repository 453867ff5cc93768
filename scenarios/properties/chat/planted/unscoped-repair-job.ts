/**
 * PLANTED BUG: `repair stream --gym-id g --apply` parses the gym and then forgets it: the audit
 * and the plan are for every gym, so a repair the operator ran for one tenant moves channels,
 * creates rooms and deletes orphans in all of them. The same steps as repair-job.ts otherwise.
 * Caught by tenant-isolation (what the scoped job sent, read from the history).
 */
import { planStreamRepair } from '../../../../src/chat/plan-stream-repair.ts';
import type { RepairJob } from '../repair-job.ts';

export const unscopedRepairJob: RepairJob = async (deps, options) => {
  const { db, stream, clock } = deps;
  // The mistake: options.gymIds is never passed on.
  const report = await deps.audit({ db, stream, clock }, { list: { pageSize: options.pageSize } });
  options.onAudit(report);
  if (!options.apply) return [];
  const gyms = await db.query<{ id: string }>('SELECT id FROM gyms');
  const plan = planStreamRepair(report.findings, { existingGyms: new Set(gyms.rows.map((row) => Number(row.id))) });
  return deps.apply({ db, stream, exportDir: deps.exportDir }, plan);
};
