/**
 * properties/bot: many conversations in every shape the incident showed, on two channel
 * connections (two tenants' WhatsApp numbers; the same customer phone on both is two
 * conversations and two session files), legacy rows and files seeded as the incident found them
 * (closed rows still carrying bot fields, with or without a file; an agent's chat still carrying
 * them and its old file; files of no conversation), while customers message (again after their
 * chat was closed: a new conversation), agents take chats over, hand them back to the bot or
 * close them, the BotTimeoutScheduler ticks and the operator runs the cleanup, all concurrently,
 * under swarm faults on the session files (ENOENT, EACCES, ENOSPC, torn write, failed rename), on
 * Postgres (lost connection, lost response, 40001, 40P01, statement timeout) and crashes at any
 * I/O point (between a file operation and a row operation included). Heal: faults off, the
 * scheduler restarts, sleeps past the timeout and ticks twice (the liveness bound), and the
 * operator applies the cleanup once if the world had legacy rows.
 *
 * Invariants: end-state ones (safety at the end of chaos and at the end, liveness at the end),
 * one over the history (no-close-soon-after-message: a close minutes after a message leaves an
 * end state like any other), and the built-in no-leaked-work.
 *
 * Variants: `after` (src/bot, either close order) holds; each planted bug must be caught by the
 * invariant named in its file.
 */
import * as fc from 'fast-check';
import { FS_FAULTS, PG_FAULTS, swarmFaultPlan, defineScenario, type Actor, type Variant } from 'syncsim';
import {
  agentActor,
  customerActor,
  operatorActor,
  schedulerActor,
  srcImplementation,
  type AgentAction,
  type BotImplementation,
} from './bot-actors.ts';
import {
  FLOW_ID,
  insertChannel,
  insertConversation,
  SCHEDULER_ACTOR,
  TIMEOUT_MS,
  writeSessionFile,
  type BotWorld,
} from './bot-world.ts';
import {
  messagesReachConversation,
  noAgentChatClosedByBot,
  noCloseSoonAfterMessage,
  noCrossConnectionSession,
  noLegacyBotFields,
  noOrphanSession,
  noStaleBotFields,
  noStuckBotConversation,
  noTornSession,
} from './invariants/index.ts';
import { agentChatNotCounted } from './planted/agent-chat-not-counted.ts';
import { dryRunOnlyCleanup } from './planted/cleanup-dry-run-only.ts';
import { closeWithoutRecheckTick } from './planted/close-without-recheck.ts';
import { NonAtomicSessionStore } from './planted/non-atomic-session-store.ts';
import { PhoneKeyedSessionStore } from './planted/phone-keyed-session-store.ts';
import { recheckWithoutActivityTick } from './planted/recheck-without-activity.ts';
import { rowFirstNoRecoveryTick } from './planted/row-first-no-recovery.ts';
import { unawaitedDeleteTakeover } from './planted/unawaited-takeover-delete.ts';

/**
 * A planted bug is searched for until it is found (a run stops at its first failure), so the
 * budget expectPlantedCaught gives it costs nothing when it is found early and makes a miss
 * vanishingly rare (bench/ prints how early each one is found).
 */
const PLANTED_RUNS = 1000;

/**
 * The legacy shapes of the incident's cleanup: a closed row still assigned to the bot with its
 * flow (the 86), a closed row with its flow and its file (the 11), an agent's chat that kept
 * the bot's fields and file from before the takeover cleared them, a file of no conversation
 * (the 12).
 */
const LEGACY_SHAPES = ['closed-stale', 'closed-stale-file', 'agent-stale', 'orphan-file'] as const;

/** Where a customer's conversation stands when the run starts (the incident's shapes included). */
export const INITIAL_SHAPES = [
  'none',
  'bot-fresh',
  'bot-idle',
  'no-flow-file',
  'no-flow-missing',
  'agent',
  'closed',
  ...LEGACY_SHAPES,
] as const;
export type InitialShape = (typeof INITIAL_SHAPES)[number];

/** Customers are (connection, phone) pairs, distinct: two phones on two connections, so the same phone on both is common. */
const CONNECTIONS = [1, 2] as const;
const PHONES = 2;

export interface BotInput {
  closeOrder: 'file-first' | 'row-first';
  customers: Array<{ phone: number; connection: number; initial: InitialShape; messageGapsMs: number[] }>;
  agents: Array<Array<{ gapMs: number; customer: number; action: AgentAction }>>;
  tickGapsMs: number[];
  /** When the operator applies the cleanup during chaos (the heal applies it once more). */
  cleanupGapsMs: number[];
}

const START = '2025-11-21T09:00:00.000Z';
const gap = fc.integer({ min: 0, max: 40 }).map((minutes) => minutes * 60_000);

const action: fc.Arbitrary<AgentAction> = fc.oneof(
  { weight: 2, arbitrary: fc.constant('take-over' as const) },
  { weight: 1, arbitrary: fc.constantFrom('hand-back' as const, 'close' as const) },
);

export const botInput: fc.Arbitrary<BotInput> = fc.record({
  closeOrder: fc.constantFrom('file-first' as const, 'row-first' as const),
  customers: fc.uniqueArray(
    fc.record({
      phone: fc.nat(PHONES - 1),
      connection: fc.constantFrom(...CONNECTIONS),
      initial: fc.constantFrom(...INITIAL_SHAPES),
      messageGapsMs: fc.array(gap, { maxLength: 3 }),
    }),
    { minLength: 2, maxLength: 5, selector: (c) => `${c.connection}/${c.phone}` },
  ),
  agents: fc.array(fc.array(fc.record({ gapMs: gap, customer: fc.nat(4), action }), { minLength: 1, maxLength: 3 }), {
    maxLength: 2,
  }),
  tickGapsMs: fc.array(gap, { minLength: 1, maxLength: 3 }),
  cleanupGapsMs: fc.array(gap, { maxLength: 1 }),
});

export const phoneOf = (index: number) => `5199000${String(index).padStart(4, '0')}`;
const keyOfCustomer = (c: Pick<BotInput['customers'][number], 'phone' | 'connection'>) => ({
  phone: phoneOf(c.phone),
  channelConnectionId: c.connection,
});
const hasLegacy = (input: BotInput) =>
  input.customers.some((c) => (LEGACY_SHAPES as readonly string[]).includes(c.initial));

/** What a seeded conversation leaves in the world's logs. */
interface Seeded {
  id?: string;
  /** Held by an agent from the start: no-agent-chat-closed-by-bot's evidence. */
  agent?: boolean;
  legacy?: boolean;
}

async function seedShape(
  db: Parameters<typeof insertConversation>[0],
  dir: string,
  key: { phone: string; channelConnectionId: number },
  shape: InitialShape,
  startMs: number,
): Promise<Seeded> {
  const minutesAgo = (m: number) => new Date(startMs - m * 60_000).toISOString();
  const { phone, channelConnectionId } = key;
  const file = (m: number) =>
    writeSessionFile(dir, key, { flowId: FLOW_ID, state: { step: 1 }, updatedAt: startMs - m * 60_000 });
  const row = (
    status: 'active' | 'closed',
    assignedTo: string | null,
    flow: string | null,
    started: number | null,
    m: number,
  ) =>
    insertConversation(db, {
      phone,
      channelConnectionId,
      status,
      assignedTo,
      botFlowId: flow,
      botStartedAt: started === null ? null : minutesAgo(started),
      updatedAt: minutesAgo(m),
    });
  const withFile = async (id: Promise<string>, m: number) => (await Promise.all([id, file(m)]))[0];
  switch (shape) {
    case 'none':
      return {};
    case 'bot-fresh':
      return { id: await withFile(row('active', 'bot', FLOW_ID, 5, 5), 5) };
    case 'bot-idle':
      return { id: await withFile(row('active', 'bot', FLOW_ID, 60, 60), 60) };
    case 'no-flow-file': // chat 51943001421's shape
      return { id: await withFile(row('active', 'bot', null, 60, 60), 60) };
    case 'no-flow-missing': // the shape the shipped fix skips
      return { id: await row('active', 'bot', null, 60, 60) };
    case 'agent':
      return { id: await row('active', 'agent-9', null, null, 60), agent: true };
    case 'closed':
      return { id: await row('closed', null, null, null, 60) };
    case 'closed-stale':
      return { id: await row('closed', 'bot', FLOW_ID, 600, 500), legacy: true };
    case 'closed-stale-file':
      return { id: await withFile(row('closed', null, FLOW_ID, 600, 500), 500), legacy: true };
    case 'agent-stale':
      return { id: await withFile(row('active', 'agent-9', FLOW_ID, 600, 60), 300), agent: true, legacy: true };
    case 'orphan-file':
      await file(900);
      return {};
  }
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
      const actors: Actor[] = [schedulerActor(SCHEDULER_ACTOR, chosen, input.tickGapsMs)];
      input.customers.forEach((c, i) => {
        if (c.messageGapsMs.length > 0)
          actors.push(customerActor(`customer-${i + 1}`, chosen, world, keyOfCustomer(c), c.messageGapsMs));
      });
      input.agents.forEach((plan, i) => {
        const steps = plan.map((step) => ({
          gapMs: step.gapMs,
          key: keyOfCustomer(input.customers[step.customer % input.customers.length]!),
          action: step.action,
        }));
        actors.push(agentActor(`agent-${i + 1}`, chosen, world, steps));
      });
      if (input.cleanupGapsMs.length > 0) actors.push(operatorActor('operator', chosen, input.cleanupGapsMs));
      return actors;
    },
    // A restarted scheduler after faults stop: past the timeout, then two ticks (the bound);
    // the operator applies the cleanup once more if the world had legacy rows.
    heal: ({ input }) => [
      schedulerActor(`${SCHEDULER_ACTOR}-restarted`, impl(input), [TIMEOUT_MS + 60_000, 0]),
      ...(hasLegacy(input) ? [operatorActor('operator-heal', impl(input), [0])] : []),
    ],
  };
}

export const botPropertyScenario = defineScenario<BotInput, BotWorld>({
  id: 'properties-bot',
  kind: 'property',
  title:
    'Bot sessions never orphan or cross tenants, conversations never stick or close early, agents keep their chats',
  source: 'incidents.md section C',
  input: botInput,
  faults: swarmFaultPlan([...FS_FAULTS, ...PG_FAULTS, 'crash'], { maxRate: 0.2 }),
  startTime: START,
  async world({ db, input, sessionDir, clock }) {
    for (const connection of CONNECTIONS) await insertChannel(db, connection);
    const world: BotWorld = {
      sessionDir,
      timeoutMs: TIMEOUT_MS,
      clock,
      takeovers: [],
      releases: [],
      legacy: [],
      sent: new Map(),
      handled: [],
      answered: [],
      startMs: clock.now(),
    };
    for (const customer of input.customers) {
      const seeded = await seedShape(db, sessionDir, keyOfCustomer(customer), customer.initial, clock.now());
      if (seeded.id && seeded.agent) world.takeovers.push({ conversationId: seeded.id, agent: 'agent-9 (seeded)' });
      if (seeded.id && seeded.legacy) world.legacy!.push(seeded.id);
    }
    return world;
  },
  invariants: [
    noStaleBotFields,
    noAgentChatClosedByBot,
    noTornSession,
    noCrossConnectionSession,
    noCloseSoonAfterMessage,
    messagesReachConversation,
    noOrphanSession,
    noStuckBotConversation,
    noLegacyBotFields,
  ],
  variants: {
    after: variant(
      'src/bot: locked, conditional close; atomic writes; orphan sweep; the cleanup for legacy rows',
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
    'planted-phone-keyed-session': variant(
      'PLANTED: sessions keyed by phone alone (every phone filed under the first connection)',
      (input) => ({
        ...srcImplementation(input.closeOrder),
        store: (fs, tempTag) => new PhoneKeyedSessionStore(fs, { tempTag }),
      }),
      {
        expect: 'breaks',
        breaks: ['no-cross-connection-session'],
        runs: PLANTED_RUNS,
      },
    ),
    'planted-recheck-without-activity': variant(
      "PLANTED: the close re-checks status, assignee and flow under the lock, not the row's activity",
      () => ({ tick: recheckWithoutActivityTick }),
      {
        expect: 'breaks',
        breaks: ['no-close-soon-after-message'],
        runs: PLANTED_RUNS,
      },
    ),
    'planted-unawaited-takeover-delete': variant(
      'PLANTED: the takeover fires the session delete without awaiting it, failures swallowed',
      (input) => ({ ...srcImplementation(input.closeOrder), takeOver: unawaitedDeleteTakeover }),
      {
        expect: 'breaks',
        breaks: ['no-leaked-work'],
        runs: PLANTED_RUNS,
      },
    ),
    'planted-cleanup-dry-run-only': variant(
      "PLANTED: the operator's cleanup never applies (no --apply)",
      (input) => ({ ...srcImplementation(input.closeOrder), cleanup: dryRunOnlyCleanup }),
      {
        expect: 'breaks',
        breaks: ['no-legacy-bot-fields'],
        runs: PLANTED_RUNS,
      },
    ),
    'planted-agent-chat-not-counted': variant(
      "PLANTED: a message to an agent's chat acknowledged without being counted",
      (input) => ({ ...srcImplementation(input.closeOrder), handle: agentChatNotCounted }),
      {
        expect: 'breaks',
        breaks: ['messages-reach-conversation'],
        runs: PLANTED_RUNS,
      },
    ),
  },
  defaultVariant: 'after',
  runs: 100,
});
