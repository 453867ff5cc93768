/**
 * stuck-bot-51943001421 (incidents.md section C): chat 51943001421 stuck forever in
 * EN_COLA_BOT on 2025-11-21. The world is the report's row and file - JSON file present with
 * flowId "promotoras-v2-mw7rpy", row with bot_flow_id NULL, assigned_to 'bot', status active -
 * next to the two other shapes the report talks about:
 *   - the ordinary case the old scheduler was written for (bot_flow_id set, file present): the
 *     old code closes it but leaves its file behind (an orphan session);
 *   - the case the shipped fix still skips: assigned to the bot, bot_flow_id NULL, NO file.
 * All three went idle at 08:00 and the scheduler runs at 09:00 with a 30 minute timeout.
 *
 * Variants: `before` (pre-fix scheduler) breaks no-stuck-bot-conversation and
 * no-orphan-session; `as-shipped` (the report's fix) breaks no-stuck-bot-conversation on the
 * missing-file conversation only; `after` (src/bot) holds.
 */
import * as fc from 'fast-check';
import type { TimeoutDeps } from '../../../src/bot/bot-timeout-scheduler.ts';
import { defineScenario, type Actor } from 'syncsim';
import { schedulerActor, srcImplementation, type BotImplementation } from '../../properties/bot/bot-actors.ts';
import {
  FLOW_ID,
  insertChannel,
  insertConversation,
  TIMEOUT_MS,
  writeSessionFile,
  type BotWorld,
} from '../../properties/bot/bot-world.ts';
import {
  noAgentChatClosedByBot,
  noOrphanSession,
  noStaleBotFields,
  noStuckBotConversation,
  noTornSession,
} from '../../properties/bot/invariants/index.ts';
import { asShippedTick } from './as-shipped-scheduler.ts';
import { preFixTick } from './pre-fix-scheduler.ts';

export const INCIDENT_CONVERSATION = '51943001421';
/** The ordinary case: bot_flow_id set, file present. */
export const FLOW_IN_ROW_CONVERSATION = '51943001422';
/** The case the fix skips: bot_flow_id NULL and no file. */
export const MISSING_FILE_CONVERSATION = '51943001423';

export interface StuckBotInput {
  /** Scheduler ticks in the chaos phase (the heal phase ticks twice more). */
  ticks: number;
  closeOrder: 'file-first' | 'row-first';
}

const IDLE_SINCE = '2025-11-21T08:00:00.000Z';

function ticking(impl: (input: StuckBotInput) => BotImplementation) {
  return {
    actors: ({ input }: { input: StuckBotInput }): Actor[] => [
      schedulerActor(
        'bot-timeout-scheduler',
        impl(input),
        Array.from({ length: input.ticks }, () => 0),
      ),
    ],
    // Heal: the scheduler keeps running (bounded: 2 more ticks after the timeout elapsed again).
    heal: ({ input }: { input: StuckBotInput }): Actor[] => [
      schedulerActor('bot-timeout-scheduler', impl(input), [TIMEOUT_MS + 1, 0]),
    ],
  };
}

const olderTick = (tick: (deps: TimeoutDeps, options: { timeoutMs: number }) => Promise<unknown>) => () => ({ tick });

export const stuckBotScenario = defineScenario<StuckBotInput, BotWorld>({
  id: 'stuck-bot-51943001421',
  kind: 'incident',
  title: 'Chat 51943001421 stuck in EN_COLA_BOT: bot session file vs Postgres',
  source: 'incidents.md section C',
  input: fc.record({
    ticks: fc.integer({ min: 1, max: 3 }),
    closeOrder: fc.constantFrom('file-first' as const, 'row-first' as const),
  }),
  startTime: '2025-11-21T09:00:00.000Z',
  async world({ db, sessionDir, clock }) {
    await insertChannel(db);
    const session = { flowId: FLOW_ID, state: { step: 3, node: 'ask-district' }, updatedAt: Date.parse(IDLE_SINCE) };
    // The report's row: assigned to the bot, bot_flow_id NULL, active; its file names the flow.
    await insertConversation(db, {
      id: INCIDENT_CONVERSATION,
      phone: '51943001421',
      status: 'active',
      assignedTo: 'bot',
      botFlowId: null,
      botStartedAt: IDLE_SINCE,
      updatedAt: IDLE_SINCE,
    });
    await writeSessionFile(sessionDir, { phone: '51943001421', channelConnectionId: 1 }, session);
    await insertConversation(db, {
      id: FLOW_IN_ROW_CONVERSATION,
      phone: '51943001422',
      status: 'active',
      assignedTo: 'bot',
      botFlowId: FLOW_ID,
      botStartedAt: IDLE_SINCE,
      updatedAt: IDLE_SINCE,
    });
    await writeSessionFile(sessionDir, { phone: '51943001422', channelConnectionId: 1 }, session);
    await insertConversation(db, {
      id: MISSING_FILE_CONVERSATION,
      phone: '51943001423',
      status: 'active',
      assignedTo: 'bot',
      botFlowId: null,
      botStartedAt: null,
      updatedAt: IDLE_SINCE,
    });
    return { sessionDir, timeoutMs: TIMEOUT_MS, clock, takeovers: [] };
  },
  invariants: [noStaleBotFields, noAgentChatClosedByBot, noTornSession, noOrphanSession, noStuckBotConversation],
  variants: {
    before: {
      description: 'pre-fix scheduler: only rows with bot_flow_id and bot_started_at; never deletes the file',
      expect: 'breaks',
      breaks: ['no-stuck-bot-conversation', 'no-orphan-session'],
      ...ticking(olderTick(preFixTick)),
    },
    'as-shipped': {
      description: "the report's fix: also assigned_to='bot', flow id from the file, skips when the file is missing",
      expect: 'breaks',
      breaks: ['no-stuck-bot-conversation'],
      ...ticking(olderTick(asShippedTick)),
    },
    after: {
      description:
        'src/bot: closes all three shapes under the key lock, only if the row is unchanged; sweeps orphan files',
      expect: 'holds',
      ...ticking((input) => srcImplementation(input.closeOrder)),
    },
  },
  defaultVariant: 'after',
  runs: 6,
});
