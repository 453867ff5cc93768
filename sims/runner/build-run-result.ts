/**
 * The RunResult of a finished search: a pure function of what the search found and what
 * fast-check reported, so how a run is reported can be read (and tested) apart from how it ran.
 */
import * as fc from 'fast-check';
import { CaseCutShort } from '../schedule/case-cut-short.ts';
import { describeError } from '../schedule/scheduler-bridge.ts';
import { breaksExpected, invariantsBroken } from './breaks-expected.ts';
import { jsonData } from './json-data.ts';
import type { FailingCase, FailureSearch } from './failure-search.ts';
import type { RunResult } from './run-result.ts';
import type { Variant } from './scenario.ts';

/** The part of fast-check's RunDetails a result depends on. */
export interface CheckDetails {
  seed: number;
  failed: boolean;
  interrupted: boolean;
  numShrinks: number;
  counterexamplePath: string | null;
}

export interface RunIdentity {
  scenario: string;
  variant: string;
  runs: number;
  /** The path replayed, when this run was a replay. */
  replayPath?: string;
  /** A step bound that overrode the scenario's: part of what the result is a function of. */
  maxSteps?: number;
  /** The schedule replayed (--schedule), when one was. */
  replaySchedule?: string;
}

export function buildRunResult<Input>(
  identity: RunIdentity,
  variant: Pick<Variant<Input, unknown>, 'expect' | 'breaks'>,
  search: Readonly<FailureSearch<Input, unknown>>,
  details: CheckDetails,
): RunResult {
  const base = {
    scenario: identity.scenario,
    variant: identity.variant,
    expect: variant.expect,
    seed: details.seed,
    cases: search.cases,
    runs: identity.runs,
    shrinks: details.numShrinks,
    shrinkCases: search.shrinkCases,
    shrinkStopped: search.shrinkStopped,
    lockWaits: search.lockWaits,
    steps: search.steps,
    ...(identity.maxSteps !== undefined ? { maxSteps: identity.maxSteps } : {}),
    ...(identity.replaySchedule !== undefined ? { replaySchedule: identity.replaySchedule } : {}),
  };
  if (search.harnessError !== undefined) {
    // A case the harness had to cut short is a finding about that case: it gets a replay line.
    const cut = search.harnessError instanceof CaseCutShort;
    const path = cut ? (details.counterexamplePath ?? identity.replayPath) : undefined;
    return {
      ...base,
      status: 'error',
      met: false,
      ...(path !== undefined && path !== null ? { path } : {}),
      violations: [],
      broken: [],
      history: search.last?.outcome.history ?? [],
      schedule: [],
      error: describeError(search.harnessError),
    };
  }
  const broken = (reported: FailingCase<Input>, path: string): RunResult => {
    const names = invariantsBroken(reported.outcome);
    const also = [...search.alsoBroken].filter((name) => !names.includes(name));
    return {
      ...base,
      status: 'broken',
      met: variant.expect === 'breaks' && breaksExpected(variant, names),
      path,
      counterexample: printable(reported.input),
      input: jsonData(reported.input),
      ...(search.firstFailure !== undefined ? { firstFailure: printable(search.firstFailure.input) } : {}),
      ...(also.length > 0 ? { alsoBroken: also } : {}),
      faultPlan: reported.plan,
      faultsInjected: reported.outcome.faults,
      phase: reported.outcome.phase,
      violations: reported.outcome.violations,
      broken: names,
      history: reported.outcome.history,
      schedule: reported.outcome.schedule,
    };
  };
  if (details.failed && search.failure && details.counterexamplePath !== null)
    return broken(search.failure, details.counterexamplePath);
  if (details.failed) {
    return {
      ...base,
      status: 'inconclusive',
      met: false,
      violations: [],
      broken: [],
      history: [],
      schedule: [],
      error: details.interrupted ? 'interrupted' : 'fast-check reported a failure without a counterexample',
    };
  }
  // The named invariants never broke, but others did: that is a finding, not a pass.
  if (search.otherFailure) return broken(search.otherFailure, search.otherFailure.path);
  return {
    ...base,
    // A `breaks` variant that held proved nothing: the bug was not found within the runs.
    status: 'held',
    met: variant.expect === 'holds',
    ...(identity.replayPath !== undefined ? { path: identity.replayPath } : {}),
    ...(search.last ? { counterexample: printable(search.last.input), input: jsonData(search.last.input) } : {}),
    violations: [],
    broken: [],
    history: search.last?.outcome.history ?? [],
    schedule: search.last?.outcome.schedule ?? [],
  };
}

/** fast-check's printout, minus the null-prototype marker records carry (noise to a reader). */
export function printable(value: unknown): string {
  return fc.stringify(value).replaceAll('__proto__:null,', '');
}
