/**
 * Progress on stderr for long runs: a rewritten line on a terminal, a line every quarter of
 * the run otherwise (CI logs), nothing for runs of one case.
 */
import type { CliContext } from './cli-context.ts';

export function progressLine(label: string, total: number, cli: Pick<CliContext, 'err' | 'tty'>) {
  let last = 0;
  let drawn = false;
  return {
    update: (cases: number): void => {
      if (total <= 1) return;
      if (cli.tty) {
        // On a terminal the line is redrawn in place: \r, no newline (err adds one, so write raw).
        process.stderr.write(`\r  ${label}  ${cases}/${total} cases`);
        drawn = true;
      } else if (cases <= total && Math.floor((cases * 4) / total) > last) {
        last = Math.floor((cases * 4) / total);
        cli.err(`  ${label}  ${cases}/${total} cases`);
      }
    },
    done: (): void => {
      if (drawn) process.stderr.write('\r\x1b[K');
    },
  };
}
