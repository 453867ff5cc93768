/**
 * What a scenario declares to turn on the built-in `no-remote-full-scan` (off unless declared,
 * so a scenario that says nothing is unaffected). Incident D's rewrite had `redis.keys()` full
 * scans in 12 places where a keyed lookup was enough: the detector names such an actor with the
 * pages and items it read.
 */
export interface ScanDeclaration {
  /**
   * Actors (by name, or by name without its trailing `-N`: `lookup` covers `lookup-1`) for which
   * a keyed lookup suffices: an unkeyed listing of a Stream or MotoPress collection that reads
   * to its end, or that goes past `maxPages`, is a full scan.
   */
  remote?: { actors: readonly string[]; maxPages?: number };
  /**
   * A sequential scan, during one of these actors' statements (all actors when omitted), over a
   * table holding at least `minRows` rows when the case is checked.
   */
  pg?: { minRows: number; actors?: readonly string[] };
}

/** Whether a declaration's actor list covers this actor (`sync-all` covers `sync-all-2`). */
export function coversActor(actors: readonly string[] | undefined, actor: string): boolean {
  if (actors === undefined) return true;
  return actors.includes(actor) || actors.includes(actor.replace(/-\d+$/, ''));
}
