/**
 * How an operator command of the gym app (bot-cleanup, audit/repair stream) fails: a problem the
 * operator caused or can fix (a bad flag, a missing variable, a database that cannot be reached)
 * is one line on stderr naming it, exit 3, and nothing touched; the stack only with --debug.
 * The codes are syncsim's (sims/cli/exit-codes.ts); src/ may not import the harness, so they are
 * repeated here and a test checks that they agree.
 */
export const OPERATOR_EXIT = { ok: 0, error: 3 } as const;

/** A problem with what the operator gave: the line ends with "see --help" rather than --debug. */
export class BadInput extends Error {}

export async function runOperatorCommand(
  name: string,
  args: readonly string[],
  err: (line: string) => void,
  work: () => Promise<number>,
): Promise<number> {
  const debug = args.includes('--debug');
  try {
    return await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // eslint-disable-next-line no-control-regex
    const line = (message.split('\n')[0] ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ');
    const hint = error instanceof BadInput ? '; see --help' : debug ? '' : ' (--debug shows the stack)';
    err(`${name}: ${line}${hint}`);
    if (debug && error instanceof Error) err(error.stack ?? message);
    return OPERATOR_EXIT.error;
  }
}

/** A user's value in a message: quoted, control characters escaped so the error stays one line. */
export function quote(value: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(value) ? JSON.stringify(value) : `'${value}'`;
}
