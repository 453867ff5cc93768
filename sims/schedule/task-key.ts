/**
 * A released task named by WHAT it is rather than by when it was scheduled: the actor, the kind
 * of operation and the entity it touches when that can be read (a statement's table), and which
 * such task of that actor it is (0 = its first). fast-check's task ids count every task of the
 * run, so inserting one statement anywhere renumbers everything after it; a key like
 * `webhook-2:select.crm_conversations:1` survives an edit elsewhere in the code under test.
 */
import type { GateRequest } from './flight.ts';

/** The verb and the first table a statement names, e.g. `update.crm_conversations`, `commit`. */
const TABLE = /\b(?:FROM|INTO|UPDATE|JOIN|TABLE)\s+(?:ONLY\s+)?("?[\w.]+"?)/i;

export function taskKind(request: GateRequest): string {
  const sql = (request.args as { sql?: unknown } | undefined)?.sql;
  if (request.system === 'pg' && typeof sql === 'string') {
    const verb = (/^\s*(\w+)/.exec(sql)?.[1] ?? 'query').toLowerCase();
    const table = TABLE.exec(sql)?.[1]?.replaceAll('"', '');
    return table ? `${verb}.${table}` : verb;
  }
  return `${request.system}.${request.operation}`;
}

/**
 * `actor:kind:n`, each part escaped so the key stays one shell word without quotes; blanks
 * become `_` (a request like `GET /wp-json/mphb/v1/bookings` reads as `GET_/wp-json/...`).
 */
export function taskKey(actor: string, kind: string, nth: number): string {
  return [actor, kind.replace(/\s+/g, '_'), String(nth)].map(escapePart).join(':');
}

/** Readable form for reports: `webhook-2 select.crm_conversations #1`. */
export function describeKey(key: string): string {
  const [actor, kind, nth] = key.split(':').map((part) => decodeURIComponent(part));
  return `${actor} ${kind} #${nth}`;
}

/** encodeURIComponent leaves ! ' ( ) * unescaped (a shell would read them); `/` is safe and readable. */
function escapePart(part: string): string {
  return encodeURIComponent(part)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll('%2F', '/');
}
