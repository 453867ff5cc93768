/**
 * no-close-soon-after-message (safety, over the history): the bot never closes a conversation
 * less than the timeout after a message on it was handled. The end state cannot show this harm
 * (a chat closed minutes after the customer wrote ends closed, clean and without a file, like
 * any timed-out chat); the recorded operations can.
 *
 * Closes: UPDATEs `SET status = 'closed' ... WHERE id = $1` that a scheduler actor ran with
 * rowCount 1 and whose transaction COMMITTED ok (an autocommit one counts once ok); a close
 * rolled back, or whose COMMIT's outcome is unknown, did not (certainly) happen and is not
 * counted. The close's time is its UPDATE's. Messages: the world's log of handled messages, each
 * with the instant the handler was called (the row's new activity time is no earlier), logged
 * only once the handler returned. A message handled on conversation C precedes C's close (after
 * the close the handler finds no active row and opens a new conversation), so any close within
 * the timeout of a message's call on C closed an active chat.
 */
import { defineInvariant, type HistoryEvent, type Violation } from 'syncsim';
import { SCHEDULER_ACTOR, type BotWorld } from '../bot-world.ts';

const CLOSE = /^UPDATE crm_conversations SET status = 'closed'.* WHERE id = \$1\b/;

interface Close {
  conversationId: string;
  /** Milliseconds since the run started (history time). */
  time: number;
  actor: string;
}

export const noCloseSoonAfterMessage = defineInvariant<BotWorld>({
  name: 'no-close-soon-after-message',
  kind: 'safety',
  description: 'the bot never closes a conversation less than the timeout after a message on it was handled',
  check({ world, history }) {
    const handled = world.handled ?? [];
    if (handled.length === 0 || world.startMs === undefined) return [];
    const violations: Violation[] = [];
    for (const close of committedBotCloses(history)) {
      const closedAt = world.startMs + close.time;
      for (const message of handled) {
        if (message.conversationId !== close.conversationId || message.startedAt > closedAt) continue;
        const after = closedAt - message.startedAt;
        if (after < world.timeoutMs)
          violations.push({
            invariant: 'no-close-soon-after-message',
            message: `${close.actor} closed conversation ${close.conversationId} at +${close.time} ms, ${after} ms after a message on it was handled (timeout ${world.timeoutMs} ms)`,
            details: { ...close, messageAt: message.startedAt - world.startMs, afterMs: after },
          });
      }
    }
    return violations;
  },
});

/** Walk each scheduler actor's statements in order, keeping the closes its COMMITs made durable. */
export function committedBotCloses(history: readonly HistoryEvent[]): Close[] {
  const open = new Map<string, Close[] | undefined>();
  const closes: Close[] = [];
  for (const event of history) {
    if (event.type === 'invoke' || event.system !== 'pg' || !event.actor.startsWith(SCHEDULER_ACTOR)) continue;
    const args = history[event.op]?.args as { sql?: string; params?: unknown[] } | undefined;
    const sql = args?.sql ?? '';
    const inTx = open.get(event.actor);
    if (/^BEGIN\b/i.test(sql)) open.set(event.actor, event.type === 'ok' ? [] : undefined);
    else if (/^(COMMIT|END)\b/i.test(sql)) {
      if (event.type === 'ok') closes.push(...(inTx ?? []));
      open.set(event.actor, undefined);
    } else if (/^ROLLBACK\b/i.test(sql)) open.set(event.actor, undefined);
    else if (event.type !== 'ok') {
      // A failed statement aborts its transaction: nothing in it commits.
      if (inTx) open.set(event.actor, []);
    } else if (CLOSE.test(sql) && (event.result as { rowCount?: number } | undefined)?.rowCount === 1) {
      const close = { conversationId: String(args?.params?.[0]), time: event.time, actor: event.actor };
      if (inTx) inTx.push(close);
      else closes.push(close);
    }
  }
  return closes;
}
