/**
 * The console report of each command, on stdout (progress goes to stderr elsewhere):
 * - run: the variant's report (status line; on failure the invariants, counterexample,
 *   interleaving and ONE replay line);
 * - reproduce: the scenario, its variants side by side, then the report of each that did not hold;
 * - check: one line per test as it finishes, then the failures, the counts and the verdict.
 */
import { formatRun } from './format-run.ts';
import type { CommandName, Outcome, Reporter, Summary } from './reporter.ts';
import { sideBySide } from './side-by-side.ts';

export class ConsoleReporter implements Reporter {
  readonly #out: (line: string) => void;

  constructor(out: (line: string) => void) {
    this.#out = out;
  }

  begin(command: CommandName): void {
    if (command === 'check') this.#out('syncsim check: running every scenario');
  }

  outcome(outcome: Outcome): void {
    if (outcome.kind !== 'test') return;
    this.#out(outcome.met ? `  ok    ${outcome.name}` : `  ${outcome.verdict.toUpperCase().padEnd(5)} ${outcome.name}`);
  }

  end(outcomes: readonly Outcome[], summary: Summary): void {
    const results = outcomes.flatMap((o) => (o.result ? [o.result] : []));
    if (summary.command === 'run') {
      for (const result of results) this.#out(formatRun(result));
    } else if (summary.command === 'reproduce') {
      if (summary.title) this.#out(summary.title);
      this.#out(sideBySide(results));
      for (const result of results) if (result.status !== 'held') this.#out(`\n${formatRun(result)}`);
    } else {
      this.#checkEnd(outcomes, summary);
    }
  }

  #checkEnd(outcomes: readonly Outcome[], summary: Summary): void {
    const tests = outcomes.filter((o) => o.kind === 'test');
    if (tests.length === 0) this.#out('no scenario test ran');
    for (const o of outcomes) if (!o.met) this.#out(`\n${o.name}\n${o.details ?? ''}`);
    const passed = tests.filter((o) => o.met).length;
    this.#out(`\n${passed} passed, ${tests.length - passed} failed`);
    const verdict = summary.verdict === 'held' ? 'every scenario met its expectation' : summary.verdict;
    this.#out(`syncsim check: ${verdict} (exit ${summary.exitCode})`);
  }
}
