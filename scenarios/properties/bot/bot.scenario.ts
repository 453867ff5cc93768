/**
 * properties/bot: many conversations in every shape the incident showed, customers messaging,
 * agents taking chats over and the BotTimeoutScheduler ticking, all concurrently, under swarm
 * faults on the session files (ENOENT, EACCES, ENOSPC, torn write, failed rename), on Postgres
 * (lost connection, 40001, 40P01, statement timeout) and crashes at any I/O point (between a
 * file operation and a row operation included). Heal: faults off, the scheduler restarts,
 * sleeps past the timeout and ticks twice (the liveness bound).
 *
 * Variants: `after` (src/bot, either close order) holds; three planted bugs must each be caught
 * by the invariant named in their file.
 */
import * as fc from 'fast-check';
import { FS_FAULTS, PG_FAULTS, swarmFaultPlan, defineScenario, type Actor, type Variant } from 'syncsim';
import { agentActor, customerActor, schedulerActor, srcImplementation, type BotImplementation } from './bot-actors.ts';
import {
  FLOW_ID,
  insertChannel,
  insertConversation,
  TIMEOUT_MS,
  writeSessionFile,
  type BotWorld,
} from './bot-world.ts';
import {
  noAgentChatClosedByBot,
  noOrphanSession,
  noStaleBotFields,
  noStuckBotConversation,
  noTornSession,
} from './invariants/index.ts';
import { closeWithoutRecheckTick } from './planted/close-without-recheck.ts';
import { NonAtomicSessionStore } from './planted/non-atomic-session-store.ts';
import { rowFirstNoRecoveryTick } from './planted/row-first-no-recovery.ts';

/** Where a customer's conversation stands when the run starts (the incident's shapes included). */
/**
 * A planted bug is searched for until it is found (a run stops at its first failure), so the
 * budget expectPlantedCaught gives it costs nothing when it is found early and makes a miss
 * vanishingly rare (bench/ prints how early each one is found).
 */
const PLANTED_RUNS = 1000;

export const INITIAL_SHAPES = [
  'none',
  'bot-fresh',
  'bot-idle',
  'no-flow-file',
  'no-flow-missing',
  'agent',
  'closed',
] as const;
export type InitialShape = (typeof INITIAL_SHAPES)[number];

export interface BotInput {
  closeOrder: 'file-first' | 'row-first';
  customers: Array<{ initial: InitialShape; messageGapsMs: number[] }>;
  agents: Array<Array<{ gapMs: number; customer: number }>>;
  tickGapsMs: number[];
}

const START = '2025-11-21T09:00:00.000Z';
const gap = fc.integer({ min: 0, max: 40 }).map((minutes) => minutes * 60_000);

export const botInput: fc.Arbitrary<BotInput> = fc.record({
  closeOrder: fc.constantFrom('file-first' as const, 'row-first' as const),
  customers: fc.array(
    fc.record({ initial: fc.constantFrom(...INITIAL_SHAPES), messageGapsMs: fc.array(gap, { maxLength: 3 }) }),
    { minLength: 2, maxLength: 5 },
  ),
  agents: fc.array(fc.array(fc.record({ gapMs: gap, customer: fc.nat(4) }), { minLength: 1, maxLength: 2 }), {
    maxLength: 2,
  }),
  tickGapsMs: fc.array(gap, { minLength: 1, maxLength: 3 }),
});

export const phoneOf = (index: number) => `5199000${String(index).padStart(4, '0')}`;

async function seedShape(
  db: Parameters<typeof insertConversation>[0],
  dir: string,
  phone: string,
  shape: InitialShape,
  startMs: number,
): Promise<void> {
  const minutesAgo = (m: number) => new Date(startMs - m * 60_000).toISOString();
  const key = { phone, channelConnectionId: 1 };
  const file = (m: number) =>
    writeSessionFile(dir, key, { flowId: FLOW_ID, state: { step: 1 }, updatedAt: startMs - m * 60_000 });
  const bot = (flow: string | null, m: number) =>
    insertConversation(db, {
      phone,
      status: 'active',
      assignedTo: 'bot',
      botFlowId: flow,
      botStartedAt: minutesAgo(m),
      updatedAt: minutesAgo(m),
    });
  if (shape === 'bot-fresh') await Promise.all([bot(FLOW_ID, 5), file(5)]);
  if (shape === 'bot-idle') await Promise.all([bot(FLOW_ID, 60), file(60)]);
  if (shape === 'no-flow-file') await Promise.all([bot(null, 60), file(60)]); // chat 51943001421's shape
  if (shape === 'no-flow-missing') await bot(null, 60); // the shape the shipped fix skips
  if (shape === 'agent')
    await insertConversation(db, {
      phone,
      status: 'active',
      assignedTo: 'agent-9',
      botFlowId: null,
      botStartedAt: null,
      updatedAt: minutesAgo(60),
    });
  if (shape === 'closed')
    await insertConversation(db, {
      phone,
      status: 'closed',
      assignedTo: null,
      botFlowId: null,
      botStartedAt: null,
      updatedAt: minutesAgo(60),
    });
}

function variant(
  description: string,
  impl: (input: BotInput) => BotImplementation,
  expect: Pick<Variant<BotInput, BotWorld>, 'expect' | 'breaks' | 'runs'>,
): Variant<BotInput, BotWorld> {
  return {
    description,
    ...expect,
    actors: ({ input, world }) => {
      const chosen = impl(input);
      const actors: Actor[] = [schedulerActor('bot-timeout-scheduler', chosen, input.tickGapsMs)];
      input.customers.forEach((c, i) => {
        if (c.messageGapsMs.length > 0)
          actors.push(customerActor(`customer-${i + 1}`, chosen, phoneOf(i), c.messageGapsMs));
      });
      input.agents.forEach((plan, i) => {
        const targets = plan.map((step) => ({
          gapMs: step.gapMs,
          phone: phoneOf(step.customer % input.customers.length),
        }));
        actors.push(agentActor(`agent-${i + 1}`, chosen, world, targets));
      });
      return actors;
    },
    // A restarted scheduler after faults stop: past the timeout, then two ticks (the bound).
    heal: ({ input }) => [schedulerActor('bot-timeout-scheduler-restarted', impl(input), [TIMEOUT_MS + 60_000, 0])],
  };
}

export const botPropertyScenario = defineScenario<BotInput, BotWorld>({
  id: 'properties-bot',
  kind: 'property',
  title: 'Bot sessions never orphan, conversations never stick, agents keep their chats',
  source: 'incidents.md section C',
  input: botInput,
  faults: swarmFaultPlan([...FS_FAULTS, ...PG_FAULTS, 'crash'], { maxRate: 0.2 }),
  startTime: START,
  async world({ db, input, sessionDir, clock }) {
    await insertChannel(db);
    for (const [i, customer] of input.customers.entries())
      await seedShape(db, sessionDir, phoneOf(i), customer.initial, Date.parse(START));
    return { sessionDir, timeoutMs: TIMEOUT_MS, clock, takeovers: [] };
  },
  invariants: [noStaleBotFields, noAgentChatClosedByBot, noTornSession, noOrphanSession, noStuckBotConversation],
  variants: {
    after: variant(
      'src/bot: locked, conditional close; atomic writes; orphan sweep',
      (input) => srcImplementation(input.closeOrder),
      { expect: 'holds' },
    ),
    'planted-close-without-recheck': variant(
      'PLANTED: the tick closes by id without re-checking the row',
      () => ({ tick: closeWithoutRecheckTick }),
      {
        expect: 'breaks',
        breaks: ['no-agent-chat-closed-by-bot'],
        runs: PLANTED_RUNS,
      },
    ),
    'planted-row-first-no-recovery': variant(
      'PLANTED: row closed first, file deleted after, no sweep',
      () => ({ tick: rowFirstNoRecoveryTick }),
      {
        expect: 'breaks',
        breaks: ['no-orphan-session'],
        runs: PLANTED_RUNS,
      },
    ),
    'planted-non-atomic-write': variant(
      'PLANTED: the session file is written in place',
      (input) => ({ ...srcImplementation(input.closeOrder), store: (fs) => new NonAtomicSessionStore(fs) }),
      {
        expect: 'breaks',
        breaks: ['no-torn-session'],
        runs: PLANTED_RUNS,
      },
    ),
  },
  defaultVariant: 'after',
  runs: 100,
});
