/**
 * The fault catalogue, declared as data, once: the engine (sims/) and the fakes both name faults
 * from it, and `FaultSource.decide` takes only these kinds, so a misspelt fault is a type error
 * instead of a fault that silently never fires. It sits in fakes/, the lowest layer that injects
 * faults, because fakes/ may not import sims/. Each kind is injected at an I/O boundary:
 *
 * HTTP (fakes): a 5xx, a 429 with Retry-After, latency on the simulated clock, a connection
 *   reset, a client timeout, and "applied but the response was lost" (the fake changed its
 *   state, the caller sees an error; the history records `info`).
 * HTTP answers (fakes, a separate group a scenario opts into): production's other failures, an
 *   answer that is complete but is not the service's data - a 401 (key revoked), a 403 (a
 *   firewall's HTML page), a 404 `rest_no_route` (plugin deactivated, permalinks reset), a 200
 *   HTML page (cache, CDN or maintenance plugin) and a 200 JSON body cut short mid-document.
 *   Kept apart from HTTP_FAULTS so adding them did not change the plans every existing swarm
 *   draws from its seeds, nor throw clients that were never written for them (src/chat) into
 *   faults only the MotoPress client handled then; none of them touch a store. The MotoPress
 *   gate (motopress/gated-fetch.ts) draws and renders all of them; Stream's gate
 *   (stream/stream-answer-faults.ts) all but the 404 `rest_no_route` (WordPress only), and a
 *   cut body only on its pure reads, since Stream's other requests (POSTs included) all write.
 * Postgres: the connection lost mid-transaction (the backend really goes away, so the
 *   transaction really rolls back; on COMMIT the outcome is unknown), a serialization failure
 *   (40001), a deadlock (40P01) and a statement timeout (57014), raised by the server itself on
 *   the actor's connection so the transaction really aborts; and "ran but the answer was lost"
 *   (the statement executes, then the connection dies: an autocommit write is applied, one
 *   inside a transaction rolls back with it; the caller sees an error, the history `info`).
 * Files: ENOENT, EACCES, ENOSPC, a torn write (partial content), a failed rename.
 * Crash: the actor dies at this I/O point; nothing after it happens.
 */
export const HTTP_FAULTS = [
  'http-500',
  'http-502',
  'http-503',
  'http-429',
  'http-latency',
  'connection-reset',
  'client-timeout',
  'response-lost',
] as const;
export const HTTP_ANSWER_FAULTS = [
  'http-401',
  'http-403',
  'http-404-no-route',
  'http-200-html',
  'http-truncated-json',
] as const;
export const PG_FAULTS = [
  'pg-connection-lost',
  'pg-serialization-failure',
  'pg-deadlock',
  'pg-statement-timeout',
  'pg-response-lost',
] as const;
export const FS_FAULTS = ['fs-enoent', 'fs-eacces', 'fs-enospc', 'fs-torn-write', 'fs-rename-failed'] as const;
export const CRASH_FAULTS = ['crash'] as const;

export type HttpFault = (typeof HTTP_FAULTS)[number] | HttpAnswerFault;
export type HttpAnswerFault = (typeof HTTP_ANSWER_FAULTS)[number];
export type PgFault = (typeof PG_FAULTS)[number];
export type FsFault = (typeof FS_FAULTS)[number];
export type CrashFault = (typeof CRASH_FAULTS)[number];
export type FaultKind = HttpFault | PgFault | FsFault | CrashFault;

export const FAULTS_BY_SYSTEM = {
  http: [...HTTP_FAULTS, ...HTTP_ANSWER_FAULTS],
  pg: PG_FAULTS,
  fs: FS_FAULTS,
} as const;

export type FaultSystem = keyof typeof FAULTS_BY_SYSTEM;
