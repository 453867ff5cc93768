/**
 * `--json FILE`: the results as data, in a versioned envelope so a tool can tell what it reads:
 * `{ schemaVersion, command, verdict, exitCode, results }`, each result with its whole history,
 * its input as data (`input`, next to fast-check's printed `counterexample`) and its replay
 * line (run: one result; reproduce and check: one per variant or test). A broken result also
 * has `minimal` (the minimised schedule with its history) and `minimalReplay`, the line that
 * replays it; `replay` replays the case the result's own history is from.
 * Version 2: version 1 (no envelope; run wrote the result itself, the others an array) had no
 * version field, so a reader tells the two apart by `schemaVersion` being there.
 */
import { writeFile } from 'node:fs/promises';
import { minimalReplayCommand, replayCommand } from './replay-command.ts';
import type { Outcome, Reporter, Summary } from './reporter.ts';

export const jsonSchemaVersion = 2;

export class JsonReporter implements Reporter {
  readonly #file: string;

  constructor(file: string) {
    this.#file = file;
  }

  async end(outcomes: readonly Outcome[], summary: Summary): Promise<void> {
    const results = outcomes.map((o) =>
      o.result
        ? {
            ...o.result,
            replay: replayCommand(o.result),
            ...(o.result.minimal ? { minimalReplay: minimalReplayCommand(o.result) } : {}),
          }
        : { kind: o.kind, name: o.name, suite: o.suite, verdict: o.verdict, met: o.met, details: o.details },
    );
    const body = {
      schemaVersion: jsonSchemaVersion,
      command: summary.command,
      ...(summary.title !== undefined ? { title: summary.title } : {}),
      verdict: summary.verdict,
      exitCode: summary.exitCode,
      results,
    };
    await writeFile(this.#file, JSON.stringify(body, null, 2) + '\n');
  }
}
