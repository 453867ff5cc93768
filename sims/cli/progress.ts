/**
 * Progress on stderr for long runs: a rewritten line on a terminal, a line every quarter of
 * the run otherwise (CI logs), nothing for runs of one case.
 */
export function progressLine(label: string, total: number, write: (line: string) => void) {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  return {
    update: (cases: number): void => {
      if (total <= 1) return;
      if (tty) {
        process.stderr.write(`\r  ${label}  ${cases}/${total} cases`);
      } else if (cases <= total && Math.floor((cases * 4) / total) > last) {
        last = Math.floor((cases * 4) / total);
        write(`  ${label}  ${cases}/${total} cases`);
      }
    },
    done: (): void => {
      if (tty && total > 1) process.stderr.write('\r\x1b[K');
    },
  };
}
