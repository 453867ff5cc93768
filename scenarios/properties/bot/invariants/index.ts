export { noAgentChatClosedByBot } from './no-agent-chat-closed-by-bot.ts';
export { noCloseSoonAfterMessage } from './no-close-soon-after-message.ts';
export { noCrossConnectionSession } from './no-cross-connection-session.ts';
export { noLegacyBotFields } from './no-legacy-bot-fields.ts';
export { noOrphanSession } from './no-orphan-session.ts';
export { noStaleBotFields } from './no-stale-bot-fields.ts';
export { noStuckBotConversation } from './no-stuck-bot-conversation.ts';
export { noTornSession } from './no-torn-session.ts';
