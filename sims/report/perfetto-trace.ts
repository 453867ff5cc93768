/**
 * `--trace FILE`: the reported case of each variant as Chrome trace-event JSON, which
 * ui.perfetto.dev (and chrome://tracing) opens: zoom, search and SQL over the same history the
 * HTML timeline draws.
 *
 * - Each lane (an actor, a fake's webhook deliveries, the faults) is a process with one thread,
 *   named by `process_name` / `thread_name` metadata: Perfetto puts async slices on tracks of
 *   their process, so a process per lane is what gives each actor its own track group.
 * - Each operation is an async slice, `b` at its invoke and `e` at its completion, paired by
 *   `id`; async rather than `B`/`E` because operations of one lane may overlap (Perfetto moves
 *   overlapping B/E slices to an overflow track). A pending operation ends with the run.
 * - A fault is an instant (`i`) on the faults thread where it fired; a violation is a global
 *   instant after the last operation (where the invariants were checked).
 * - Time is the run's simulated clock in µs, nudged by 1 µs where events share a millisecond,
 *   so every event has its own strictly increasing timestamp.
 *
 * Pure: results in, data out (the reporter writes it).
 */
import type { RunResult } from '../runner/run-result.ts';
import { drawnReplay, drawnRun } from './drawn-run.ts';
import { timeline } from './timeline-model.ts';

export interface TraceEvent {
  name: string;
  ph: 'b' | 'e' | 'i' | 'M';
  pid: number;
  tid: number;
  ts?: number;
  cat?: string;
  id?: string;
  /** Scope of an instant: g(lobal) or t(hread). */
  s?: 'g' | 't';
  args?: Record<string, unknown>;
}

export interface TraceFile {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ms';
  otherData: Record<string, unknown>;
}

/** Lanes of the k-th run are processes k*PIDS_PER_RUN + 1, + 2, ... */
const PIDS_PER_RUN = 10_000;

/** `replay` gives a run's replay line when it is not `run`'s (a diff's sides replay with `diff`). */
export function perfettoTrace(
  results: readonly RunResult[],
  invocation?: string,
  replay?: (result: RunResult) => string,
): TraceFile {
  const metadata: TraceEvent[] = [];
  const timed: TraceEvent[] = [];
  results.map(drawnRun).forEach((result, k) => {
    const model = timeline(result);
    const run = `${result.scenario}:${result.variant}`;
    // Strictly increasing µs per history event, close to the simulated ms.
    const ts: number[] = [];
    for (const event of result.history) ts.push(Math.max(event.time * 1000, (ts.at(-1) ?? -1) + 1));
    const end = (ts.at(-1) ?? 0) + 1;
    const at = (index: number) => (index < ts.length ? ts[index]! : end);
    const lanes = [
      ...model.lanes.map((lane) => ({ name: lane.name, kind: lane.kind })),
      { name: 'faults', kind: 'faults' },
    ];
    const pid = (lane: number) => k * PIDS_PER_RUN + lane + 1;
    lanes.forEach((lane, index) => {
      const id = pid(index);
      metadata.push(
        { name: 'process_name', ph: 'M', pid: id, tid: id, args: { name: `${run} ${lane.name}` } },
        { name: 'process_sort_index', ph: 'M', pid: id, tid: id, args: { sort_index: id } },
        { name: 'thread_name', ph: 'M', pid: id, tid: id, args: { name: `${lane.name} (${lane.kind})` } },
      );
    });
    const hit = new Map<number, string[]>();
    for (const h of model.hits) for (const op of h.ops) hit.set(op, [...(hit.get(op) ?? []), h.violation.invariant]);
    for (const op of model.ops) {
      const where = { pid: pid(op.lane), tid: pid(op.lane), cat: op.system, id: `${k}.${op.id}`, name: op.kind };
      timed.push({
        ...where,
        ph: 'b',
        ts: at(op.id),
        args: {
          op: op.id,
          actor: op.actor,
          operation: op.operation,
          ...(op.label !== op.operation ? { label: op.label } : {}),
          ...(op.args !== undefined ? { args: op.args } : {}),
          ...(hit.has(op.id) ? { namedBy: hit.get(op.id) } : {}),
        },
      });
      timed.push({
        ...where,
        ph: 'e',
        ts: at(op.end),
        args: {
          outcome: op.outcome,
          ...(op.result !== undefined ? { result: op.result } : {}),
          ...(op.error !== undefined ? { error: op.error } : {}),
        },
      });
    }
    const faults = pid(lanes.length - 1);
    for (const fault of model.faults)
      timed.push({
        name: `fault ${fault.kind}`,
        ph: 'i',
        s: 't',
        pid: faults,
        tid: faults,
        cat: 'fault',
        ts: at(fault.from),
        args: { fault: fault.text, ...(fault.op !== undefined ? { op: fault.op } : {}) },
      });
    for (const h of model.hits)
      timed.push({
        name: `violation ${h.violation.invariant}`,
        ph: 'i',
        s: 'g',
        pid: pid(0),
        tid: pid(0),
        cat: 'violation',
        ts: end,
        args: {
          run,
          message: h.violation.message,
          ...(h.violation.details !== undefined ? { details: h.violation.details } : {}),
          ops: h.ops,
        },
      });
  });
  // Sorted by time (stable: a run's events keep their order), so every track reads in order.
  timed.sort((a, b) => a.ts! - b.ts!);
  return {
    traceEvents: [...metadata, ...timed],
    displayTimeUnit: 'ms',
    otherData: {
      producer: 'syncsim',
      clock: 'simulated: 1 ms of the run = 1000 µs here',
      runs: results.map((r) => ({
        run: `${r.scenario}:${r.variant}`,
        status: r.status,
        broken: r.broken,
        replay: replay?.(r) ?? drawnReplay(r, invocation),
      })),
    },
  };
}
