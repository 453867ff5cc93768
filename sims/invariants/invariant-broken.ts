/**
 * The error that means "an invariant broke": thrown to fail a test (and read by `syncsim check`,
 * which maps it to exit 1) and inside the runner's property. One class, so every place that
 * tells a broken invariant from a harness error matches the same name.
 */
export class InvariantBroken extends Error {
  override name = 'InvariantBroken';
}
