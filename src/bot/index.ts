export type { SessionFs } from './session-fs.ts';
export { fsError, fsErrorCode } from './session-fs.ts';
export { nodeSessionFs } from './node-session-fs.ts';
export { parseSessionFileName, sessionFileName, tempFileName, type SessionKey } from './session-file-name.ts';
export { SessionStore, parseSession, type BotSession, type SessionRead } from './session-store.ts';
export { withSessionLock } from './with-session-lock.ts';
export { BOT, isAgent, type ConversationRow } from './conversation-row.ts';
export {
  handleInboundMessage,
  type BotDeps,
  type InboundMessage,
  type InboundResult,
} from './handle-inbound-message.ts';
export { takeOverConversation, type TakeoverResult } from './take-over-conversation.ts';
export {
  DEFAULT_BOT_TIMEOUT_MS,
  closeIfUnchanged,
  selectTimedOut,
  sweepSessionFiles,
  tickBotTimeouts,
  type TickReport,
  type TimeoutOptions,
} from './bot-timeout-scheduler.ts';
export { planBotCleanup, planTotal, type BotCleanupPlan } from './plan-bot-cleanup.ts';
export { formatBotCleanup, runBotCleanup, type BotCleanupReport, type BotCleanupCounts } from './apply-bot-cleanup.ts';
