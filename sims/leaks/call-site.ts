/**
 * Where a gated operation was started, as "file:line" frames of the code under test: the
 * engine's own frames (sims/, fakes/), node_modules and Node internals are skipped, because a
 * leak report must point at the line that forgot an `await`, not at the gate that noticed.
 *
 * The Error is made when the operation reaches the gate; V8 formats its stack only when
 * `.stack` is read, so an operation that never leaks costs one allocation, not a formatted stack.
 */
import { relative, sep } from 'node:path';

/** Frames captured per operation: enough to climb out of pg, stream-chat and the gates. */
const CAPTURE_FRAMES = 40;
/** Frames of the code under test shown in a report. */
const SHOWN_FRAMES = 3;
const ENGINE = [`${sep}sims${sep}`, `${sep}fakes${sep}`, `${sep}node_modules${sep}`];

export function captureCallSite(): Error {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = CAPTURE_FRAMES;
  try {
    return new Error('started here');
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** The first frames outside the engine, e.g. `src/chat/handle-stream-webhook.ts:98 (handleStreamWebhook)`. */
export function describeCallSite(site: Error, cwd = process.cwd()): string {
  const frames: string[] = [];
  for (const line of (site.stack ?? '').split('\n').slice(1)) {
    const match = /at (?:async )?(?:(.+?) \()?(?:file:\/\/)?(\/[^()]+?):(\d+):\d+\)?$/.exec(line.trim());
    if (!match) continue;
    const [, fn, file, row] = match;
    if (ENGINE.some((part) => file!.includes(part)) || file!.startsWith('node:')) continue;
    frames.push(`${relative(cwd, file!)}:${row}${fn ? ` (${fn})` : ''}`);
    if (frames.length === SHOWN_FRAMES) break;
  }
  return frames.length > 0 ? frames.join(' <- ') : 'no frame outside the engine (the stack ended in sims/ or fakes/)';
}
