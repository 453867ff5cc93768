/**
 * The shrunk counterexample and whether shrinking ran out of budget, as the console prints them
 * for a broken run and for a difference alike. A scenario with one fixed case has no generated
 * input to show ("null" told nothing).
 */
export interface ShrunkCase {
  counterexample?: string;
  firstFailure?: string;
  shrinkStopped: boolean;
  shrinkCases: number;
}

export function counterexampleLines(result: ShrunkCase): string[] {
  const lines: string[] = [];
  if (result.counterexample && result.counterexample !== 'null' && result.counterexample !== 'undefined') {
    const from =
      result.firstFailure && result.firstFailure !== result.counterexample
        ? `  (shrunk from ${result.firstFailure})`
        : '';
    lines.push(`counterexample: ${result.counterexample}${from}`);
  }
  if (result.shrinkStopped)
    lines.push(`shrinking stopped at its budget of ${result.shrinkCases} cases: a smaller counterexample may exist`);
  return lines;
}
