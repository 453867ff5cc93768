/** A usage error: printed as one line naming the problem, exit 3, nothing written. */
export class CliError extends Error {
  override name = 'CliError';
}

/**
 * A user's value echoed in a message: quoted, and with control characters escaped so that a
 * value holding a newline cannot turn the one-line error into two.
 */
export function quote(value: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(value) ? JSON.stringify(value) : `'${value}'`;
}

/**
 * A Postgres that cannot be reached or a migration that fails is the user's to fix: its first
 * line becomes the one-line error; --debug still shows the original (the cause).
 */
export function usageErrorFrom(error: unknown): CliError {
  const message = error instanceof Error ? error.message : String(error);
  return new CliError(message.split('\n')[0] ?? message, { cause: error });
}
