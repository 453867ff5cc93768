/**
 * Progress on stderr for long runs, never on stdout (where `list --json` and results go): on a
 * terminal one line rewritten in place, otherwise (CI logs) a line every quarter of the search
 * and of the shrink budget; nothing for runs of one case. Once a case breaks, the line says so
 * and counts the shrinking against its budget: shrinking a large world can take minutes, and a
 * counter stuck at "60/60 cases" looked like a hang.
 */
import type { CliContext } from './cli-context.ts';

/** Shrinking under way: shrink cases run so far and the budget. */
export interface ShrinkProgress {
  cases: number;
  budget: number;
}

export function progressLine(
  label: string,
  total: number,
  cli: Pick<CliContext, 'err' | 'tty'>,
  // On a terminal the line is redrawn in place: \r, no newline (err adds one, so write raw).
  raw: (text: string) => void = (text) => void process.stderr.write(text),
) {
  let searchQuarter = 0;
  let shrinkQuarter = -1;
  let foundAt = 0;
  let drawn = false;
  return {
    update: (cases: number, shrink?: ShrinkProgress): void => {
      if (total <= 1) return;
      if (shrink && foundAt === 0) foundAt = cases - shrink.cases;
      const text = shrink
        ? `  ${label}  broken at case ${foundAt}; shrinking ${shrink.cases}/${shrink.budget} cases`
        : `  ${label}  ${cases}/${total} cases`;
      if (cli.tty) {
        raw(`\r${text}\x1b[K`);
        drawn = true;
      } else if (shrink) {
        const quarter = Math.floor((shrink.cases * 4) / Math.max(1, shrink.budget));
        if (quarter > shrinkQuarter) {
          shrinkQuarter = quarter;
          cli.err(text);
        }
      } else if (cases <= total && Math.floor((cases * 4) / total) > searchQuarter) {
        searchQuarter = Math.floor((cases * 4) / total);
        cli.err(text);
      }
    },
    done: (): void => {
      if (drawn) raw('\r\x1b[K');
    },
  };
}
