/**
 * `--json FILE`: the results as data, each variant with its whole history and its replay line
 * (run: one object; reproduce and check: an array).
 */
import { writeFile } from 'node:fs/promises';
import { replayCommand } from './replay-command.ts';
import type { Outcome, Reporter, Summary } from './reporter.ts';

export class JsonReporter implements Reporter {
  readonly #file: string;

  constructor(file: string) {
    this.#file = file;
  }

  async end(outcomes: readonly Outcome[], summary: Summary): Promise<void> {
    const data = outcomes.map((o) =>
      o.result
        ? { ...o.result, replay: replayCommand(o.result) }
        : { kind: o.kind, name: o.name, suite: o.suite, verdict: o.verdict, met: o.met, details: o.details },
    );
    const body = summary.command === 'run' && data.length === 1 ? data[0] : data;
    await writeFile(this.#file, JSON.stringify(body, null, 2) + '\n');
  }
}
