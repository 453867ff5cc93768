/** A mistake in the user's project (config, scenario file): one line naming it, exit 3. */
export class ProjectError extends Error {
  override name = 'ProjectError';
}
