/**
 * A RunResult's history as a timeline, for the HTML timeline and the Perfetto trace alike: each
 * invoke paired with its completion as one operation, the lanes they are drawn in, the faults
 * that fired matched to the operations they hit, and the operations each violation names.
 * Pure data from the RunResult alone, so both views show the same thing and are a function of
 * the run (byte-identical for a replay).
 */
import type { HistoryEvent, System } from '../history/history.ts';
import type { Violation } from '../invariants/invariant.ts';
import type { RunResult } from '../runner/run-result.ts';

/** ok / fail / info as the history says; pending: invoked and never completed (a hung call). */
export type OpOutcome = 'ok' | 'fail' | 'info' | 'pending';

/** actor: a scenario actor (it has a `run` lifeline); webhooks: a fake's webhook deliveries; fake: any other caller. */
export type LaneKind = 'actor' | 'webhooks' | 'fake';

export interface Lane {
  name: string;
  kind: LaneKind;
}

export interface TimelineOp {
  /** History index of the invoke: the operation's id everywhere (`op` in the history). */
  id: number;
  /** History index of the completion; for a pending operation, the history's length. */
  end: number;
  lane: number;
  actor: string;
  system: System;
  operation: string;
  outcome: OpOutcome;
  /** Simulated ms since the run started. */
  startTime: number;
  endTime: number;
  /** One line for a bar: the SQL for Postgres, else the operation. */
  label: string;
  /** Few distinct values (e.g. `pg SELECT`, `stream POST /channels/{type}/{id}/message`): a trace's slice name. */
  kind: string;
  args?: unknown;
  result?: unknown;
  error?: string;
}

export interface TimelineFault {
  /** `kind actor operation`, as RunResult.faultsInjected lists it. */
  text: string;
  kind: string;
  actor: string;
  operation: string;
  /** The operation it hit (its id), when one matched. */
  op?: number;
  /** The history span it was active over: the operation it hit, or for a crash, from there to the end. */
  from: number;
  to: number;
}

export interface ViolationHits {
  violation: Violation;
  /** What the violation names that operations can touch: `key=value` of its identifying details. */
  names: string[];
  /** Ids of the operations that touch what it names. */
  ops: number[];
  /** Lanes (indexes) of the actors whose history touches it. */
  lanes: number[];
}

export interface Timeline {
  lanes: Lane[];
  ops: TimelineOp[];
  faults: TimelineFault[];
  hits: ViolationHits[];
  /** Events in the history (the span of the whole timeline is [0, events)). */
  events: number;
  /** Simulated ms of the last event. */
  endTime: number;
}

const WEBHOOK = /^webhook\b/;

/** What a timeline is built from: the history, the faults that fired and the violations. */
export type TimelineSource = Pick<RunResult, 'history' | 'violations'> & Partial<Pick<RunResult, 'faultsInjected'>>;

export function timeline(result: TimelineSource): Timeline {
  const history = result.history;
  const completions = new Map<number, HistoryEvent>();
  for (const event of history) if (event.type !== 'invoke') completions.set(event.op, event);
  const invokes = history.filter((event) => event.type === 'invoke');
  const endTime = history.at(-1)?.time ?? 0;

  // Lanes in order of first appearance: the scenario's actors (they have a `run` lifeline)
  // first, then the fakes' webhook deliveries and any other caller. A webhook delivered under an
  // actor's own name still gets a lane of its own, so it never hides the actor's calls.
  const actors = new Set(invokes.filter((e) => e.system === 'actor').map((e) => e.actor));
  const laneName = (event: HistoryEvent) =>
    WEBHOOK.test(event.operation) && actors.has(event.actor) ? `${event.actor} webhooks` : event.actor;
  const kinds = new Map<string, LaneKind>();
  for (const event of invokes) {
    const name = laneName(event);
    if (kinds.has(name)) continue;
    kinds.set(name, actors.has(name) ? 'actor' : WEBHOOK.test(event.operation) ? 'webhooks' : 'fake');
  }
  const order: LaneKind[] = ['actor', 'webhooks', 'fake'];
  const lanes = [...kinds].map(([name, kind]) => ({ name, kind }));
  lanes.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  const laneOf = new Map(lanes.map((lane, index) => [lane.name, index]));

  const ops = invokes.map((invoke): TimelineOp => {
    const done = completions.get(invoke.index);
    return {
      id: invoke.index,
      end: done?.index ?? history.length,
      lane: laneOf.get(laneName(invoke))!,
      actor: invoke.actor,
      system: invoke.system,
      operation: invoke.operation,
      outcome: done ? (done.type as Exclude<OpOutcome, 'pending'>) : 'pending',
      startTime: invoke.time,
      endTime: done?.time ?? endTime,
      label: label(invoke),
      kind: kind(invoke),
      ...(invoke.args !== undefined ? { args: invoke.args } : {}),
      ...(done?.result !== undefined ? { result: done.result } : {}),
      ...(done?.error !== undefined ? { error: done.error } : {}),
    };
  });
  return {
    lanes,
    ops,
    faults: matchFaults(result.faultsInjected ?? [], ops, [...actors, ...kinds.keys()], history.length),
    hits: result.violations.map((violation) => violationHits(violation, ops)),
    events: history.length,
    endTime,
  };
}

function label(invoke: HistoryEvent): string {
  const sql = (invoke.args as { sql?: unknown } | undefined)?.sql;
  const text = typeof sql === 'string' ? sql : invoke.operation;
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}...` : line;
}

function kind(invoke: HistoryEvent): string {
  const sql = (invoke.args as { sql?: unknown } | undefined)?.sql;
  if (typeof sql === 'string') return `${invoke.system} ${/^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'query'}`;
  // Numeric path segments are ids (MotoPress paths are not templated): keep one name per endpoint.
  return `${invoke.system} ${invoke.operation.replace(/\/\d+(?=\/|$)/g, '/{id}')}`;
}

/**
 * The history has no fault records of its own: a fault shows only as the outcome of the
 * operation it hit. RunResult.faultsInjected lists them in the order they fired, which is the
 * order the operations were released (each fault is decided after its operation's invoke), so
 * each is matched to the first later operation of the same actor and operation that shows a
 * fault (a fail or info outcome, an HTTP error status, or simulated time passing during it, as a
 * latency fault does), or failing that to the first such operation at all. A crash is active
 * from the operation it stopped to the end of the run.
 */
function matchFaults(texts: readonly string[], ops: readonly TimelineOp[], actors: string[], events: number) {
  const byLength = [...new Set(actors)].sort((a, b) => b.length - a.length);
  let cursor = 0;
  return texts.map((text): TimelineFault => {
    const space = text.indexOf(' ');
    const kind = space < 0 ? text : text.slice(0, space);
    const rest = space < 0 ? '' : text.slice(space + 1);
    const actor = byLength.find((name) => rest.startsWith(`${name} `)) ?? rest.split(' ')[0] ?? '';
    const operation = rest.slice(actor.length + 1);
    const candidates = ops.filter((op) => op.id >= cursor && op.actor === actor && op.operation === operation);
    const hit = candidates.find((op) => (kind === 'crash' ? op.outcome === 'info' : showsFault(op))) ?? candidates[0];
    if (!hit) return { text, kind, actor, operation, from: Math.min(cursor, events), to: Math.min(cursor, events) };
    cursor = hit.id + 1;
    return { text, kind, actor, operation, op: hit.id, from: hit.id, to: kind === 'crash' ? events : hit.end };
  });
}

function showsFault(op: TimelineOp): boolean {
  const status = (op.result as { status?: unknown } | undefined)?.status;
  return op.outcome !== 'ok' || (typeof status === 'number' && status >= 400) || op.endTime > op.startTime;
}

// A detail names an entity when its key looks like an identifier: conversationId, tenant_id,
// cid, channelId, file, path... Counts and values (expected, actual, bytes) name nothing.
const IDENTIFYING = /^(id|ids|cid|file|path|key|uuid)$|_(id|ids|uuid|key)$|[a-z0-9](Id|Ids|Uuid|Key)$/;

/**
 * The operations a violation names. A Violation carries no link to the history (no operation
 * ids), only a message and details about what is wrong, e.g. `{ conversationId: 1001,
 * expected: 3, actual: 1 }`. So the rule is: the identifying details (keys that look like ids,
 * see IDENTIFYING) are what the violation names, and an operation touches it when one of those
 * values appears in its operation (a URL path), its arguments or its result. A string value
 * matches inside any string; a number matches a positional parameter (an array element), the
 * value of an id-like key (a row's `id`, `conversation_id`), or a whole number inside a string
 * (`/bookings/42`; not `420`, `v1` or the `$1` placeholder), so counts such as rowCount or attempt
 * never match an id. The lanes of the actors with such an operation are marked too. For the
 * lost update this is every SELECT and UPDATE of conversation 1001: the racing reads and writes.
 * A value that touches more than half the operations is left out when another is selective.
 */
export function violationHits(violation: Violation, ops: readonly TimelineOp[]): ViolationHits {
  const values: Array<string | number> = [];
  const allNames: string[] = [];
  for (const [key, value] of Object.entries(violation.details ?? {})) {
    if (!IDENTIFYING.test(key)) continue;
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if ((typeof item === 'number' && Number.isFinite(item)) || (typeof item === 'string' && item.length >= 2)) {
        values.push(item);
        allNames.push(`${key}=${String(item)}`);
      }
    }
  }
  // Which operations each named value touches. A value that touches most of the history (the
  // tenant every statement of a one-tenant world carries) names the scope, not the culprit:
  // it is dropped when another value is more selective, or every step would be highlighted.
  const touchedBy = values.map((value) => {
    const matchers = [matcher(value)];
    return ops.filter(
      (op) =>
        touches(op.operation, matchers, undefined) ||
        touches(op.args, matchers, undefined) ||
        touches(op.result, matchers, undefined),
    );
  });
  const selective = touchedBy.map((touched) => touched.length <= ops.length / 2);
  const keep = selective.some(Boolean) ? selective : selective.map(() => true);
  const kept = new Set(touchedBy.flatMap((touched, i) => (keep[i] ? touched : [])));
  const touching = ops.filter((op) => kept.has(op));
  return {
    violation,
    names: allNames.filter((_, i) => keep[i]),
    ops: touching.map((op) => op.id),
    lanes: [...new Set(touching.map((op) => op.lane))].sort((a, b) => a - b),
  };
}

type Matcher = (value: string | number) => boolean;

function matcher(name: string | number): Matcher {
  if (typeof name === 'string')
    return (value) => (typeof value === 'string' ? value.includes(name) : String(value) === name);
  // A whole number inside a string: its own token (`/bookings/42`, `id = 42`), not part of a
  // longer number or word (`420`, `v1`, `w-1`) nor a `$1` placeholder.
  const inText = new RegExp(`(^|[^\\w.$-])${String(name).replace('.', '\\.')}(?!\\w|\\.\\d)`);
  return (value) => (typeof value === 'number' ? value === name : inText.test(value));
}

/** `key`: the object key the value sits under, '[]' for an array element, undefined at the top. */
function touches(value: unknown, matchers: readonly Matcher[], key: string | undefined, depth = 0): boolean {
  if (value === null || value === undefined || depth > 8) return false;
  if (typeof value === 'string') return matchers.some((match) => match(value));
  if (typeof value === 'number')
    return (key === '[]' || (key !== undefined && IDENTIFYING.test(key))) && matchers.some((match) => match(value));
  if (Array.isArray(value)) return value.some((item) => touches(item, matchers, '[]', depth + 1));
  if (typeof value === 'object')
    return Object.entries(value).some(([inner, item]) => touches(item, matchers, inner, depth + 1));
  return false;
}
