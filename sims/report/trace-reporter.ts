/**
 * `--trace FILE`: the reported case of every variant the command ran, as one Chrome trace-event
 * JSON file for ui.perfetto.dev (perfetto-trace.ts). Like --html, for `run` and `reproduce`.
 */
import { writeFile } from 'node:fs/promises';
import { resultsOf } from './html-reporter.ts';
import { perfettoTrace } from './perfetto-trace.ts';
import type { Outcome, Reporter } from './reporter.ts';

export class TraceReporter implements Reporter {
  readonly #file: string;

  constructor(file: string) {
    this.#file = file;
  }

  async end(outcomes: readonly Outcome[]): Promise<void> {
    await writeFile(this.#file, JSON.stringify(perfettoTrace(resultsOf(outcomes))) + '\n');
  }
}
