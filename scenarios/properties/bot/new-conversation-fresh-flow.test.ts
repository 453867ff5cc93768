/**
 * A customer writing after their chat was closed opens a new conversation, and the bot starts
 * its flow from the first step. A session file still on disk from the closed chat (incident C's
 * 11 files of closed conversations, or one a row-first crash left) is an orphan, not the new
 * chat's state: continuing it would greet a new conversation mid-flow with the old answers.
 * While the conversation is still open, its file IS its state and the flow carries on.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handleInboundMessage, type InboundResult } from '../../../src/bot/handle-inbound-message.ts';
import { sessionFileName } from '../../../src/bot/session-file-name.ts';
import { SessionStore } from '../../../src/bot/session-store.ts';
import { defineScenario } from 'syncsim';
import { fileCaseEngine, runCase, type GateRequest } from 'syncsim/vitest';
import { FLOW_ID, insertChannel, insertConversation, writeSessionFile } from './bot-world.ts';

const engine = fileCaseEngine();
const START = Date.parse('2025-11-21T09:00:00.000Z');
const KEY = { phone: '51943001421', channelConnectionId: 1 };

async function messageAfter(status: 'closed' | 'active') {
  let conversationId = '';
  let result: InboundResult | undefined;
  const scenario = defineScenario<null, null>({
    id: 'fresh-flow',
    kind: 'example',
    title: 'a message after the chat was closed',
    input: fc.constant(null),
    startTime: new Date(START).toISOString(),
    async world({ db, sessionDir }) {
      await insertChannel(db);
      const earlier = new Date(START - 10 * 60_000).toISOString();
      conversationId = await insertConversation(db, {
        ...KEY,
        status,
        assignedTo: status === 'active' ? 'bot' : null,
        botFlowId: status === 'active' ? FLOW_ID : null,
        botStartedAt: status === 'active' ? earlier : null,
        updatedAt: earlier,
      });
      // The closed chat's session, three steps in.
      await writeSessionFile(sessionDir, KEY, { flowId: FLOW_ID, state: { step: 3 }, updatedAt: START - 600_000 });
      return null;
    },
    invariants: [],
    variants: {
      message: {
        description: 'the customer writes',
        expect: 'holds',
        actors: () => [
          {
            name: 'customer',
            async run({ db, fs, clock }) {
              const sessions = new SessionStore(fs, { tempTag: () => 't1' });
              result = await handleInboundMessage(
                { db, sessions, clock },
                { ...KEY, phoneNumberId: 'pn-1', text: 'hola', flowId: FLOW_ID },
              );
            },
          },
        ],
      },
    },
    defaultVariant: 'message',
  });
  const [scheduler] = fc.sample(fc.scheduler<GateRequest>(), { seed: 1, numRuns: 1 });
  const outcome = await runCase(scenario, scenario.variants['message']!, null, scheduler!, engine(), 1);
  const file = JSON.parse(await readFile(join(engine().sessionDir, sessionFileName(KEY)), 'utf8')) as {
    state: { step: number };
  };
  return { outcome, result: result!, conversationId, fileStep: file.state.step };
}

describe('a new conversation starts its flow fresh', () => {
  it('after a close, a session file left on disk is not continued', async () => {
    const { outcome, result, conversationId, fileStep } = await messageAfter('closed');
    expect(outcome.violations).toEqual([]);
    expect(result).toMatchObject({ handledBy: 'bot', step: 1 });
    expect(result.conversationId).not.toBe(conversationId);
    expect(fileStep).toBe(1);
  }, 120_000);

  it('an open conversation carries on from its file', async () => {
    const { result, conversationId, fileStep } = await messageAfter('active');
    expect(result).toEqual({ handledBy: 'bot', conversationId, step: 4 });
    expect(fileStep).toBe(4);
  }, 120_000);
});
