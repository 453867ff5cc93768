/** A usage error: printed as one line naming the problem, exit 3, nothing written. */
export class CliError extends Error {
  override name = 'CliError';
}
