/**
 * The `Db` an actor receives in a simulation: a real node-postgres pool where every statement
 * (and every connection checkout) is an operation of the scheduler bridge, and where the
 * run's fault plan can make Postgres itself fail the statement.
 *
 * Postgres faults are real, not mocked: a serialization failure, deadlock or statement timeout
 * is raised BY THE SERVER on the actor's own connection (so an open transaction really aborts),
 * and a lost connection's session really ends on the server (its transaction rolls back, its
 * locks go; on COMMIT the commit is sent first, so the caller cannot know whether it happened:
 * `info`). The backend process itself is reused (see destroy below): only its caches survive.
 */
import type pg from 'pg';
import type { Db, DbClient, QueryResult } from '../../src/db/db.ts';
import type { FaultInjector } from '../faults/fault-injector.ts';
import { PG_FAULTS, type PgFault } from '../../fakes/fault-kinds.ts';
import type { Classify, SchedulerBridge } from '../schedule/scheduler-bridge.ts';
import type { LockProbe } from '../schedule/lock-probe.ts';
import { backendPid, type CaseConnections } from './case-connections.ts';
import { mayWaitOnLock } from './may-wait-on-lock.ts';
import { untilReadyForQuery } from './until-ready-for-query.ts';
import { createHash } from 'node:crypto';

export interface GatedDbContext {
  bridge: SchedulerBridge;
  connections: CaseConnections;
  probe: LockProbe;
  faults?: FaultInjector;
}

const SERVER_ERRORS: Partial<Record<PgFault, { sqlstate: string; message: string }>> = {
  'pg-serialization-failure': { sqlstate: '40001', message: 'could not serialize access due to concurrent update' },
  'pg-deadlock': { sqlstate: '40P01', message: 'deadlock detected' },
  'pg-statement-timeout': { sqlstate: '57014', message: 'canceling statement due to statement timeout' },
};

class ConnectionLost extends Error {
  override name = 'ConnectionLost';
  constructor(readonly outcomeUnknown: boolean) {
    super('syncsim fault: Connection terminated unexpectedly');
  }
}

const classify: Classify = (error) => (error instanceof ConnectionLost && error.outcomeUnknown ? 'info' : 'fail');

export function gatedDb(context: GatedDbContext, actor: string): Db {
  const { bridge, connections } = context;
  /** Connections the actor holds, and how to mark each one's client lost. */
  const held = new Map<pg.PoolClient, () => void>();
  bridge.onCrash((crashed) => {
    if (crashed !== actor) return;
    // A crashed process's connections die with it; Postgres rolls their transactions back. Its
    // clients are marked lost first: the connection may be recycled to another actor, and a
    // late release() through the dead client must not hand that one back.
    for (const [client, lose] of held) {
      lose();
      destroy(context, client);
    }
    held.clear();
  });

  return {
    query<R>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      return bridge.run(
        pgRequest(actor, text, params),
        async (flight) => {
          // Asked first before the checkout: every session counts then (one idle has nothing open).
          let client: pg.PoolClient | undefined = undefined;
          flight.othersMayBlock = () => connections.othersMayBlock(client, text, clientBusy);
          client = await connections.checkout();
          flight.pid = backendPid(client);
          let broken = false;
          try {
            return await execute<R>(context, actor, client, text, params, flight.request.mayWaitOnLock !== false);
          } catch (error) {
            broken = error instanceof ConnectionLost;
            throw error;
          } finally {
            if (!broken) connections.giveBack(client);
          }
        },
        { summarize: summarizeResult, classify },
      );
    },
    async connect(): Promise<DbClient> {
      // A checkout never waits on a Postgres lock: nothing to probe (it has no backend yet).
      const request = { actor, system: 'pg' as const, operation: 'connect', mayWaitOnLock: false };
      const client = await bridge.run(request, () => connections.checkout(), {
        summarize: () => undefined,
      });
      const { dbClient, lose } = gatedClient(context, actor, client, () => held.delete(client));
      held.set(client, lose);
      return dbClient;
    },
  };
}

function gatedClient(
  context: GatedDbContext,
  actor: string,
  client: pg.PoolClient,
  forget: () => void,
): { dbClient: DbClient; lose: () => void } {
  let released = false;
  let lost = false;
  const dbClient: DbClient = {
    query<R>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      return context.bridge.run(
        pgRequest(actor, text, params),
        async (flight) => {
          if (released) throw new Error(`syncsim: ${actor} used a pg connection after releasing it`);
          if (lost) throw new Error('Client was closed and is not queryable');
          flight.pid = backendPid(client);
          flight.othersMayBlock = () => context.connections.othersMayBlock(client, text, clientBusy);
          try {
            return await execute<R>(context, actor, client, text, params, flight.request.mayWaitOnLock !== false);
          } catch (error) {
            if (error instanceof ConnectionLost) {
              lost = true;
              forget();
            }
            throw error;
          }
        },
        { summarize: summarizeResult, classify },
      );
    },
    release(destroyIt?: Error | boolean): void {
      if (released) return;
      released = true;
      forget();
      if (lost) return;
      if (destroyIt) destroy(context, client);
      else context.connections.giveBack(client);
    },
  };
  return {
    dbClient,
    lose: () => {
      lost = true;
    },
  };
}

async function execute<R>(
  context: GatedDbContext,
  actor: string,
  client: pg.PoolClient,
  text: string,
  params: readonly unknown[] | undefined,
  takesLocks: boolean,
): Promise<QueryResult<R>> {
  context.connections.locks.sent(client, text, takesLocks);
  const fault = context.faults?.decide(PG_FAULTS, actor, 'query');
  const serverError = fault && SERVER_ERRORS[fault];
  if (serverError) {
    // Raised by the server on this connection: an open transaction is aborted for real.
    await settledQuery(
      client,
      `DO $syncsim$ BEGIN RAISE EXCEPTION 'syncsim fault: ${serverError.message}' USING ERRCODE = '${serverError.sqlstate}'; END $syncsim$`,
    );
  }
  if (fault === 'pg-connection-lost') {
    const isCommit = /^\s*(COMMIT|END)\b/i.test(text);
    // On COMMIT the statement is sent and only the answer is lost: applied or not, unknown.
    if (isCommit) await client.query(text, params ? [...params] : undefined).catch(() => undefined);
    destroy(context, client);
    throw new ConnectionLost(isCommit);
  }
  if (fault === 'pg-response-lost') {
    // Sent and executed; only the answer is lost with the connection. Whether that applied
    // anything is the server's business (autocommit: yes; inside a transaction: rolled back).
    await client.query(statement(text, params)).catch(() => undefined);
    destroy(context, client);
    throw new ConnectionLost(true);
  }
  const result = await settledQuery(client, statement(text, params));
  return { rows: result.rows as R[], rowCount: result.rowCount };
}

/** A statement's failure is handed back only once its backend has aborted (see until-ready-for-query.ts). */
async function settledQuery(client: pg.PoolClient, query: string | pg.QueryConfig): Promise<pg.QueryResult> {
  running.set(client, (running.get(client) ?? 0) + 1);
  try {
    return await client.query(query);
  } catch (error) {
    await untilReadyForQuery(client);
    throw error;
  } finally {
    running.set(client, running.get(client)! - 1);
  }
}

/**
 * Statements sent on each client and not settled yet (node-postgres's own count is deprecated):
 * a client with one running, e.g. a crashed actor's lock waiter, cannot have its session reset.
 */
const running = new WeakMap<pg.PoolClient, number>();

function clientBusy(client: pg.PoolClient): boolean {
  return (running.get(client) ?? 0) > 0;
}

/**
 * A parameterised statement runs as a named prepared statement: the pooled connections are
 * reused from case to case, so each distinct statement is parsed once per connection instead
 * of on every call (the sync's one-statement writes are long CTEs). Results are identical.
 * Postgres re-plans a prepared statement after DDL on its tables by itself; what it refuses is a
 * changed result row type (a `SELECT *` prepared before an ALTER TABLE and run after it), which
 * a scenario that alters tables mid-run must avoid by naming its columns.
 */
function statement(text: string, params?: readonly unknown[]): pg.QueryConfig {
  if (!params || params.length === 0) return { text };
  let name = statementNames.get(text);
  // Generated SQL with inlined values would make every text distinct: stop naming past a bound.
  if (name === undefined && statementNames.size >= 10_000) return { text, values: [...params] };
  if (name === undefined)
    statementNames.set(text, (name = `syncsim_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`));
  return { name, text, values: [...params] };
}

const statementNames = new Map<string, string>();

/**
 * End a connection as lost: its session is reset on the server (its transaction rolled back, its
 * locks and session state gone: case-connections.ts `recycle`), or, if a statement is still running
 * on it (a crashed actor's other operation, waiting on a lock), its backend is terminated. Either
 * way the bridge waits for it, so the locks vanish at a fixed point.
 */
function destroy(context: GatedDbContext, client: pg.PoolClient): void {
  if (!clientBusy(client)) {
    context.bridge.hold(context.connections.recycle(client));
    return;
  }
  const pid = backendPid(client);
  context.connections.giveBack(client, true);
  if (pid !== undefined) context.bridge.hold(context.probe.waitGone(pid));
}

/** Statements whose completion can hand locks to waiters (besides any statement that fails). */
const RELEASES_LOCKS = /^\s*(COMMIT|END|ROLLBACK|ABORT|RELEASE|PREPARE\s+TRANSACTION|CALL)\b|unlock/i;

function pgRequest(actor: string, text: string, params?: readonly unknown[]) {
  return {
    actor,
    system: 'pg' as const,
    operation: 'query',
    args: queryArgs(text, params),
    releasesLocks: RELEASES_LOCKS.test(text),
    mayWaitOnLock: mayWaitOnLock(text),
  };
}

function queryArgs(text: string, params?: readonly unknown[]): { sql: string; params?: unknown[] } {
  const sql = text.replace(/\s+/g, ' ').trim();
  return params && params.length > 0 ? { sql, params: [...params] } : { sql };
}

function summarizeResult(result: QueryResult<unknown>): unknown {
  return { rowCount: result.rowCount, rows: result.rows };
}
