/**
 * The run's history, in Jepsen's operation model: every external call is an `invoke`
 * followed by exactly one completion, `ok` (it happened), `fail` (it certainly did not) or
 * `info` (unknown: e.g. a timeout after the remote side applied the write).
 *
 * The history is the evidence in every report, so it must be byte-identical across replays:
 * it holds simulated time only and arguments with secrets redacted.
 */
import type { System } from '../../fakes/io-gate.ts';

// One list of systems, for the gate's requests and the history's events alike.
export type { System };
export type EventType = 'invoke' | 'ok' | 'fail' | 'info';

export interface HistoryEvent {
  /** Position in the history. */
  index: number;
  /** Index of the invoke this event completes (equal to `index` for an invoke). */
  op: number;
  type: EventType;
  /** Simulated milliseconds since the run started. */
  time: number;
  actor: string;
  system: System;
  operation: string;
  args?: unknown;
  result?: unknown;
  error?: string;
}

const SECRET_KEY = /secret|password|passwd|token|authorization|api[-_]?key|signature/i;
const MAX_STRING = 500;
const MAX_ROWS = 20;

export class HistoryRecorder {
  readonly events: HistoryEvent[] = [];
  readonly #time: () => number;

  constructor(time: () => number) {
    this.#time = time;
  }

  invoke(actor: string, system: System, operation: string, args?: unknown): number {
    const index = this.events.length;
    this.events.push({
      index,
      op: index,
      type: 'invoke',
      time: this.#time(),
      actor,
      system,
      operation,
      ...(args === undefined ? {} : { args: redact(args) }),
    });
    return index;
  }

  complete(op: number, type: Exclude<EventType, 'invoke'>, outcome: { result?: unknown; error?: string } = {}): void {
    const invoke = this.events[op];
    if (!invoke || invoke.type !== 'invoke') throw new Error(`history: no invoke at ${op}`);
    const index = this.events.length;
    this.events.push({
      index,
      op,
      type,
      time: this.#time(),
      actor: invoke.actor,
      system: invoke.system,
      operation: invoke.operation,
      ...(outcome.result === undefined ? {} : { result: redact(outcome.result) }),
      ...(outcome.error === undefined ? {} : { error: outcome.error }),
    });
  }

  /** Operations invoked but never completed (a crashed actor, a hung call). */
  pending(): HistoryEvent[] {
    const done = new Set(this.events.filter((e) => e.type !== 'invoke').map((e) => e.op));
    return this.events.filter((e) => e.type === 'invoke' && !done.has(e.index));
  }
}

/** Deep copy with secret-looking keys replaced and long values cut, so reports stay small and safe. */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string')
    return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}...(${value.length} chars)` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  if (depth > 6) return '...';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ROWS).map((item) => redact(item, depth + 1));
    if (value.length > MAX_ROWS) items.push(`...(${value.length - MAX_ROWS} more)`);
    return items;
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value))
      out[key] = SECRET_KEY.test(key) ? '[redacted]' : redact(inner, depth + 1);
    return out;
  }
  return typeof value === 'function'
    ? `[function ${value.name}]`
    : typeof value === 'symbol'
      ? value.toString()
      : '[unknown]';
}
