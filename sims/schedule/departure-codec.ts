/**
 * A schedule as one shell word, for `--schedule`: departures separated by commas, each
 * `task@after` (`@start` before the first release), keys as task-key.ts writes them.
 * e.g. `webhook-2:select.crm_conversations:0@webhook-1:select.crm_conversations:0`.
 * The empty string is the default schedule (no departure).
 */
import type { Departure } from './decision-tracker.ts';

const START = 'start';
const KEY = /^[^:@,\s]+:[^:@,\s]+:\d+$/;

export function encodeDepartures(departures: readonly Departure[]): string {
  return departures.map((d) => `${d.task}@${d.after ?? START}`).join(',');
}

/** Throws an Error whose message is one line, naming the part that is malformed. */
export function decodeDepartures(text: string): Departure[] {
  if (text.trim() === '') return [];
  return text.split(',').map((part) => {
    const [task, after, extra] = part.split('@');
    if (
      task === undefined ||
      after === undefined ||
      extra !== undefined ||
      !KEY.test(task) ||
      !(after === START || KEY.test(after))
    )
      throw new Error(`'${part}' is not a departure (task@after, each task actor:kind:n, after may be 'start')`);
    return { task, after: after === START ? null : after };
  });
}
