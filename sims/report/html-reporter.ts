/**
 * `--html FILE`: the reported case of every variant the command ran, as one self-contained HTML
 * timeline (html-timeline.ts). It is drawn from the RunResults alone; `check` has none (its
 * tests run in vitest workers and report only their verdicts), so this is for `run` and
 * `reproduce`.
 */
import { writeFile } from 'node:fs/promises';
import type { RunResult } from '../runner/run-result.ts';
import { htmlTimeline } from './html-timeline.ts';
import type { Outcome, Reporter, Summary } from './reporter.ts';

export const resultsOf = (outcomes: readonly Outcome[]): RunResult[] =>
  outcomes.flatMap((o) => (o.result ? [o.result] : []));

export class HtmlReporter implements Reporter {
  readonly #file: string;

  constructor(file: string) {
    this.#file = file;
  }

  async end(outcomes: readonly Outcome[], summary: Summary): Promise<void> {
    await writeFile(this.#file, htmlTimeline(resultsOf(outcomes), summary.title ? { title: summary.title } : {}));
  }
}
