/**
 * PLANTED BUG: the audit reads Stream's listing the way src/chat did before it checked answers:
 * whatever a 2xx carried is read as `channels ?? []`, so a proxy's 200 HTML page or a JSON body
 * cut short (both come back from the SDK as a string) is an empty page, the listing stops there,
 * and every room whose channel was not listed yet is reported "only in DB" (a repair that
 * trusted it would then recreate them). Only the answer faults expose it: every other fault
 * throws. Everything else is src/chat's audit. Caught by audit-matches-truth.
 */
import type { StreamChat } from 'stream-chat';
import { auditStream, type AuditStreamDeps, type AuditStreamOptions } from '../../../../src/chat/audit-stream.ts';
import { listAllChannels } from '../../../../src/chat/list-all-channels.ts';

/** `client` whose POSTs read an answer that is not a JSON object as an empty listing. */
function lenient(client: StreamChat): StreamChat {
  const post = async (url: string, data?: unknown): Promise<unknown> => {
    const answer: unknown = await client.post(url, data);
    return typeof answer === 'object' && answer !== null ? answer : { channels: [] };
  };
  return Object.create(client, { post: { value: post } }) as StreamChat;
}

export function htmlAsEmptyListingAudit(deps: AuditStreamDeps, options: AuditStreamOptions) {
  return auditStream({ ...deps, listChannels: (client, opts) => listAllChannels(lenient(client), opts) }, options);
}
