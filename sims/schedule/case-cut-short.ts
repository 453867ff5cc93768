/**
 * A case the harness had to stop: it took more scheduler steps than its bound, or it stalled
 * (live actors, nothing they wait for can happen). Either is a harness finding, reported with
 * the case's replay line and the operations still pending, never a silent hang.
 */
export type CutReason = 'step-bound' | 'stalled';

export class CaseCutShort extends Error {
  override name = 'CaseCutShort';
  readonly reason: CutReason;
  readonly pending: readonly string[];

  constructor(reason: CutReason, detail: string, pending: readonly string[]) {
    const list = pending.length > 0 ? pending.map((op) => `\n    ${op}`).join('') : ' none';
    super(`${detail}; operations still pending:${list}`);
    this.reason = reason;
    this.pending = pending;
  }
}
