/**
 * Minimise a failing case's schedule (its departures from the default policy), knowing nothing
 * of what a case is: `attempt` runs the case under a list of departures and says whether it
 * still fails, and which departures it actually took (a tolerant replay may skip some).
 *
 * 1. Delta debugging (Zeller's ddmin) over the departures: try halves, then complements, then
 *    finer pieces, keeping any smaller list that still fails. The list kept is always the one
 *    the failing run actually took, so it replays exactly.
 * 2. When more than one departure remains, search exhaustively the schedules with fewer, up to
 *    MAX_BOUNDED preemptions (CHESS's preemption bounding): every single departure from the
 *    default run's decisions, then (if 3 or more remained) every second departure after the
 *    first, in order of steps. The first that fails is the answer: the fewest preemptions
 *    there are. ddmin only removes, so two departures it cannot drop (B starts first, then
 *    A's read jumps in) may still hide the one-preemption race a person would draw.
 * Both are bounded by a count of runs (`budget`); when it is hit, the smallest failing list
 * found so far is kept and `budgetHit` says so. Everything is a function of the attempts'
 * outcomes, so a minimised schedule is as deterministic as the runs are.
 */
import type { DecisionStep, Departure } from './decision-tracker.ts';
import { encodeDepartures } from './departure-codec.ts';

export const MAX_BOUNDED = 2;

export interface Attempt {
  fails: boolean;
  /** The departures the run took (what replays it). */
  taken: Departure[];
  decisions: DecisionStep[];
}

export interface Minimised {
  departures: Departure[];
  before: number;
  runs: number;
  budgetHit: boolean;
}

class BudgetHit extends Error {}

export async function minimiseDepartures(
  initial: readonly Departure[],
  attempt: (departures: Departure[]) => Promise<Attempt>,
  budget: number,
): Promise<Minimised> {
  const cache = new Map<string, Attempt>();
  let runs = 0;
  const run = async (departures: Departure[]): Promise<Attempt> => {
    const key = encodeDepartures(departures);
    const known = cache.get(key);
    if (known) return known;
    if (runs >= budget) throw new BudgetHit();
    runs++;
    const result = await attempt(departures);
    cache.set(key, result);
    return result;
  };
  let best = [...initial];
  const done = (budgetHit: boolean): Minimised => ({ departures: best, before: initial.length, runs, budgetHit });
  try {
    best = await deltaDebug(best, run);
    if (best.length > 1) best = (await boundedSearch(run, Math.min(best.length - 1, MAX_BOUNDED))) ?? best;
    return done(false);
  } catch (error) {
    if (error instanceof BudgetHit) return done(true);
    throw error;
  }
}

type Run = (departures: Departure[]) => Promise<Attempt>;

async function deltaDebug(start: Departure[], run: Run): Promise<Departure[]> {
  let list = start;
  const empty = await run([]);
  if (empty.fails) return empty.taken;
  let pieces = 2;
  while (list.length >= 2) {
    const chunks = split(list, pieces);
    const complements = chunks.map((_, i) => chunks.filter((_, j) => j !== i).flat());
    let reduced: Departure[] | undefined;
    for (const candidate of [...chunks, ...(pieces > 2 ? complements : [])]) {
      const result = await run(candidate);
      if (result.fails && result.taken.length < list.length) {
        reduced = result.taken;
        break;
      }
    }
    if (reduced) {
      list = reduced;
      pieces = Math.max(pieces - 1, 2);
    } else if (pieces >= list.length) break;
    else pieces = Math.min(pieces * 2, list.length);
  }
  return list;
}

/** Schedules with one, then (bound 2) two departures, each taken where the run it extends could have. */
async function boundedSearch(run: Run, bound: number): Promise<Departure[] | undefined> {
  const base = await run([]);
  const singles: Array<{ prefix: Departure[]; from: number; decisions: DecisionStep[] }> = [];
  for (const first of alternatives(base.decisions, 0)) {
    const result = await run([first.departure]);
    if (result.fails) return result.taken;
    singles.push({ prefix: [first.departure], from: first.step + 1, decisions: result.decisions });
  }
  if (bound < 2) return undefined;
  for (const single of singles) {
    for (const second of alternatives(single.decisions, single.from)) {
      const result = await run([...single.prefix, second.departure]);
      if (result.fails) return result.taken;
    }
  }
  return undefined;
}

/** Every release other than the default's, at decisions from `from` on. */
function alternatives(decisions: readonly DecisionStep[], from: number): Array<{ step: number; departure: Departure }> {
  return decisions.flatMap((decision, step) =>
    step < from
      ? []
      : decision.pending
          .filter((key) => key !== decision.default)
          .map((task) => ({ step, departure: { after: decision.after, task } })),
  );
}

function split<T>(list: readonly T[], pieces: number): T[][] {
  const chunks: T[][] = [];
  const size = list.length / pieces;
  for (let i = 0; i < pieces; i++) chunks.push(list.slice(Math.round(i * size), Math.round((i + 1) * size)));
  return chunks.filter((chunk) => chunk.length > 0);
}
