/**
 * Calls `onOrphaned` once when the process that started this one is gone. `npx syncsim ...`
 * runs node under `sh -c`; a SIGTERM sent to npx alone (not to the process group, as a CI
 * runner or `kill <pid>` does) stops npx and the shell but never reaches node, which would
 * keep serving or running forever. Polled (teardown only, never an outcome): Linux has no
 * portable "parent died" event short of prctl.
 */
export function watchParent(onOrphaned: () => void, everyMs = 500): () => void {
  const parent = process.ppid;
  // Already adopted by init (or a subreaper): there is no starter to outlive.
  if (parent <= 1) return () => undefined;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onOrphaned();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
