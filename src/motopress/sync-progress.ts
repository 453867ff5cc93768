/**
 * Progress of a sync-all, as data: the endpoint forwards each event to the browser as a
 * Server-Sent Event (`formatSse`), tests and the CLI read them as they are. Messages name the
 * step ("Step 1/2 ...", "Step 2/2 ...") and the counts so far.
 */
export interface SyncProgress {
  step: 1 | 2;
  of: 2;
  phase: 'started' | 'progress' | 'done' | 'failed';
  message: string;
  counts?: Record<string, number>;
}

export type ProgressListener = (event: SyncProgress) => void;

/** One SSE frame: `event: progress` (or `error` for a failed step) and the JSON on one data line. */
export function formatSse(event: SyncProgress): string {
  return `event: ${event.phase === 'failed' ? 'error' : 'progress'}\ndata: ${JSON.stringify(event)}\n\n`;
}
