/**
 * The incident's cleanup, on the report's numbers (incidents.md section C): 12 orphan JSON
 * files (no conversation), 11 JSON files of closed conversations, 86 closed conversations that
 * still carry bot fields and have no file: 109 operations. Beside them, healthy data the cleanup
 * must not touch: active bot conversations with their files and agent chats closed normally.
 *
 * The cleanup actor runs the job three times: dry-run (the default), --apply, --apply again.
 * Proof it fixes the data: no-orphan-session and no-stale-bot-fields hold afterwards (and
 * break in the `dry-run-only` variant, where the operator never passes --apply);
 * cleanup-idempotent: the first apply does exactly what the dry-run announced and a second
 * apply does nothing.
 */
import * as fc from 'fast-check';
import { runBotCleanup, type BotCleanupReport } from '../../../src/bot/apply-bot-cleanup.ts';
import { SessionStore } from '../../../src/bot/session-store.ts';
import { defineInvariant, defineScenario, type Actor } from 'syncsim';
import {
  FLOW_ID,
  insertChannel,
  insertConversation,
  TIMEOUT_MS,
  writeSessionFile,
  type BotWorld,
} from '../../properties/bot/bot-world.ts';
import { noOrphanSession, noStaleBotFields } from '../../properties/bot/invariants/index.ts';

export const REPORTED = { orphanFiles: 12, closedConversationFiles: 11, closedWithBotFields: 86 } as const;
const HEALTHY_BOT_CHATS = 5;
const CLOSED_AGENT_CHATS = 4;

export interface CleanupWorld extends BotWorld {
  reports: BotCleanupReport[];
}

const phone = (block: number, i: number) => `519${String(block).padStart(2, '0')}${String(i).padStart(6, '0')}`;
const at = (minutes: number) => new Date(Date.parse('2025-11-20T12:00:00.000Z') + minutes * 60_000).toISOString();

const cleanupIdempotent = defineInvariant<CleanupWorld>({
  name: 'cleanup-idempotent',
  kind: 'safety',
  description: 'the first apply performs exactly what the dry-run planned; a second apply performs nothing',
  check({ world }) {
    const [dry, ...rest] = world.reports;
    const applies = rest.filter((r) => r.mode === 'apply');
    const problems: string[] = [];
    if (dry?.mode !== 'dry-run' || dry.applied.total !== 0)
      problems.push('the first run must be a dry-run that changes nothing');
    if (dry && applies[0] && JSON.stringify(applies[0].applied) !== JSON.stringify(dry.planned))
      problems.push(
        `apply did ${JSON.stringify(applies[0].applied)} but the dry-run planned ${JSON.stringify(dry.planned)}`,
      );
    for (const again of applies.slice(1))
      if (again.planned.total !== 0 || again.applied.total !== 0)
        problems.push(`a repeated apply still found ${again.planned.total} operations`);
    return problems.map((message) => ({ invariant: 'cleanup-idempotent', message }));
  },
});

function cleanupActor(modes: ReadonlyArray<boolean>) {
  return ({ world }: { world: CleanupWorld }): Actor[] => [
    {
      name: 'cleanup',
      async run(env) {
        const sessions = new SessionStore(env.fs, { tempTag: () => 'cleanup' });
        for (const apply of modes) world.reports.push(await runBotCleanup({ db: env.db, sessions }, { apply }));
      },
    },
  ];
}

export const cleanup109Scenario = defineScenario<null, CleanupWorld>({
  id: 'stuck-bot-cleanup-109',
  kind: 'incident',
  title: 'The incident cleanup: 12 orphan files, 11 files of closed chats, 86 closed chats with bot fields',
  source: 'incidents.md section C',
  input: fc.constant(null),
  startTime: '2025-11-21T12:00:00.000Z',
  async world({ db, sessionDir, clock }) {
    await insertChannel(db);
    const session = (minutes: number) => ({ flowId: FLOW_ID, state: { step: 2 }, updatedAt: Date.parse(at(minutes)) });
    for (let i = 0; i < REPORTED.orphanFiles; i++)
      await writeSessionFile(sessionDir, { phone: phone(10, i), channelConnectionId: 1 }, session(i));
    for (let i = 0; i < REPORTED.closedConversationFiles; i++) {
      // What the pre-fix scheduler left: bot fields cleared, file kept.
      await insertConversation(db, {
        phone: phone(20, i),
        status: 'closed',
        assignedTo: null,
        botFlowId: null,
        botStartedAt: null,
        updatedAt: at(i),
      });
      await writeSessionFile(sessionDir, { phone: phone(20, i), channelConnectionId: 1 }, session(i));
    }
    for (let i = 0; i < REPORTED.closedWithBotFields; i++) {
      // Closed some other way (by an agent, by hand) while the bot fields stayed.
      await insertConversation(db, {
        phone: phone(30, i),
        status: 'closed',
        assignedTo: i % 3 === 0 ? 'bot' : null,
        botFlowId: i % 2 === 0 ? FLOW_ID : null,
        botStartedAt: at(i),
        updatedAt: at(i + 1),
      });
    }
    for (let i = 0; i < HEALTHY_BOT_CHATS; i++) {
      await insertConversation(db, {
        phone: phone(40, i),
        status: 'active',
        assignedTo: 'bot',
        botFlowId: FLOW_ID,
        botStartedAt: at(1400),
        updatedAt: at(1400),
      });
      await writeSessionFile(sessionDir, { phone: phone(40, i), channelConnectionId: 1 }, session(1400));
    }
    for (let i = 0; i < CLOSED_AGENT_CHATS; i++) {
      await insertConversation(db, {
        phone: phone(50, i),
        status: 'closed',
        assignedTo: `agent-${i + 1}`,
        botFlowId: null,
        botStartedAt: null,
        updatedAt: at(i),
      });
    }
    return { sessionDir, timeoutMs: TIMEOUT_MS, clock, takeovers: [], reports: [] };
  },
  invariants: [cleanupIdempotent, noStaleBotFields, noOrphanSession],
  variants: {
    apply: {
      description: 'dry-run, --apply, --apply again',
      expect: 'holds',
      actors: cleanupActor([false, true, true]),
    },
    'dry-run-only': {
      description: 'the operator never passes --apply: nothing is fixed',
      expect: 'breaks',
      breaks: ['no-stale-bot-fields'],
      actors: cleanupActor([false, false]),
    },
  },
  defaultVariant: 'apply',
  runs: 1,
});
