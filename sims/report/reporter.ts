/**
 * What `run`, `reproduce` and `check` tell the world, said once: a command hands each outcome
 * and the summary to its reporters (console, JSON, JUnit; an HTML timeline plugs in the same
 * way), and never formats or writes a report itself.
 */
import type { RunResult, RunStatus } from '../runner/run-result.ts';

export type Verdict = RunStatus;
export type CommandName = 'run' | 'reproduce' | 'check';

/** One thing a command decided. */
export interface Outcome {
  /** variant: one variant run (run, reproduce); test: one scenario test (check); file: a test file or the run failed outside any test. */
  kind: 'variant' | 'test' | 'file';
  /** `scenario:variant`, the test's full name, or the file. */
  name: string;
  /** What it groups under: the scenario id or the test file. */
  suite: string;
  verdict: Verdict;
  /** Did it do what it is expected to do (a `breaks` variant that broke met its expectation)? */
  met: boolean;
  /** Why it failed, as the console shows it: the test's error messages (a variant's report is built from `result`). */
  details?: string;
  durationMs?: number;
  /** A variant's whole result, history included. */
  result?: RunResult;
}

export interface Summary {
  command: CommandName;
  /** reproduce: `id: title` of the scenario. */
  title?: string;
  verdict: Verdict;
  exitCode: number;
}

export interface Reporter {
  /** The command starts (check: before the first test). */
  begin?(command: CommandName): void;
  /** An outcome, as soon as it is known. */
  outcome?(outcome: Outcome): void;
  /** Every outcome is in; file reporters write here. */
  end(outcomes: readonly Outcome[], summary: Summary): Promise<void> | void;
}

/** A variant's RunResult as an outcome. */
export function variantOutcome(result: RunResult): Outcome {
  return {
    kind: 'variant',
    name: `${result.scenario}:${result.variant}`,
    suite: result.scenario,
    verdict: result.status,
    met: result.met,
    result,
  };
}

/**
 * The reporters a command writes to, as one: it keeps the outcomes so each reporter's `end`
 * sees them all, and calls the reporters in order (the console first, so a file that cannot be
 * written fails after the report was shown).
 */
export class Reporting {
  readonly #reporters: readonly Reporter[];
  readonly #outcomes: Outcome[] = [];

  constructor(reporters: readonly Reporter[]) {
    this.#reporters = reporters;
  }

  begin(command: CommandName): void {
    for (const r of this.#reporters) r.begin?.(command);
  }

  outcome(outcome: Outcome): void {
    this.#outcomes.push(outcome);
    for (const r of this.#reporters) r.outcome?.(outcome);
  }

  get outcomes(): readonly Outcome[] {
    return this.#outcomes;
  }

  async end(summary: Summary): Promise<void> {
    for (const r of this.#reporters) await r.end(this.#outcomes, summary);
  }
}
