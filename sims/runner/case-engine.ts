/**
 * The per-database machinery a run needs, opened once and reused by every case: an ungated
 * admin connection (reset, world, invariants), the lock probe's own connection, and the pool
 * the actors' gated connections come from.
 */
import pg from 'pg';
import { createSessionDir, removeSessionDir } from '../fs/session-dir.ts';
import { MockedHttp } from '../http/mocked-http.ts';
import { CaseConnections } from '../pg/case-connections.ts';
import { localSocketUrl } from '../pg/local-socket-url.ts';
import { localSignals, noSignals, type BackendSignals } from '../schedule/backend-signals.ts';
import { pgLockProbe, type LockProbe } from '../schedule/lock-probe.ts';
import type { BridgeTimings } from '../schedule/bridge-timings.ts';

export interface CaseEngine extends AsyncDisposable {
  readonly url: string;
  /** Ungated: builds the world and reads state for invariants. */
  readonly admin: pg.Client;
  /** Resets the database between cases; its own connection, because a reset switches
   *  session_replication_role, which drops that connection's cached plans. */
  readonly resetter: pg.Client;
  readonly probe: LockProbe;
  readonly connections: CaseConnections;
  readonly signals: BackendSignals;
  /** A real directory for session files, emptied at every case's world phase (sims/fs). */
  readonly sessionDir: string;
  /** The msw server the worlds' HTTP fakes are registered on (reset per case). */
  readonly http: MockedHttp;
  /** A bench's stopwatch handed to every case's bridge (sims/schedule/bridge-timings.ts). */
  readonly timings?: BridgeTimings;
  close(): Promise<void>;
}

export interface CaseEngineOptions {
  /**
   * True when the server's backends run on this machine and may be signalled (the embedded
   * server): then lock waiters are woken in a fixed order (see backend-signals.ts).
   */
  localBackends?: boolean;
  /** Where each case's scheduled time goes, for a bench; the engine only reports it. */
  timings?: BridgeTimings;
}

export async function openCaseEngine(url: string, options: CaseEngineOptions = {}): Promise<CaseEngine> {
  const local = options.localBackends ? await socketUrl(url) : url;
  const admin = new pg.Client({ connectionString: local });
  const resetter = new pg.Client({ connectionString: local });
  const probeClient = new pg.Client({ connectionString: local });
  await Promise.all([admin.connect(), resetter.connect(), probeClient.connect()]);
  const connections = new CaseConnections(local);
  const sessionDir = await createSessionDir();
  const http = new MockedHttp();
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await connections.end();
      await Promise.allSettled([admin.end(), resetter.end(), probeClient.end()]);
      await removeSessionDir(sessionDir);
      http.close();
    })());
  const signals = options.localBackends ? localSignals : noSignals;
  return {
    url,
    admin,
    resetter,
    probe: pgLockProbe(probeClient),
    connections,
    signals,
    sessionDir,
    http,
    ...(options.timings ? { timings: options.timings } : {}),
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** The engine's own connections go through the embedded server's socket (local-socket-url.ts). */
async function socketUrl(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await localSocketUrl(url, client);
  } finally {
    await client.end();
  }
}
