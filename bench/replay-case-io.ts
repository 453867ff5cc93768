/**
 * The floor under the engine: a case's recorded I/O (bench/record-case-io.ts) and its file
 * operations (from the history) issued straight, one after another, with no scheduler, no lock
 * probe and no gate: the statements on plain pooled connections (one per backend the case used),
 * the requests through the engine's direct path to the same msw handlers (`MockedHttp.fetch`, as
 * the engine's actors send them), the files on the same directory.
 */
import { readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import type { HistoryEvent } from '../sims/history/history.ts';
import type { RawIo } from './record-case-io.ts';

export interface ReplayCounts {
  /** Operations that failed on replay (as some failed in the case: faults, conflicts). */
  errors: number;
}

export class FloorConnections {
  readonly #pool: pg.Pool;

  constructor(url: string) {
    this.#pool = new pg.Pool({ connectionString: url, max: 64, idleTimeoutMillis: 0 });
    this.#pool.on('error', () => undefined);
  }

  async checkout(): Promise<pg.PoolClient> {
    const client = await this.#pool.connect();
    // A replay order that did wait on a lock must fail, not hang the bench.
    await client.query(`SET lock_timeout = '2s'`);
    return client;
  }

  end(): Promise<void> {
    return this.#pool.end();
  }
}

export async function replayCaseIo(
  io: readonly RawIo[],
  history: readonly HistoryEvent[],
  floor: FloorConnections,
  sessionDir: string,
  send: (request: Request) => Promise<Response>,
): Promise<ReplayCounts> {
  const counts = { errors: 0 };
  const byPid = new Map<number, pg.PoolClient>();
  const attempt = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      counts.errors++;
      if (process.env.OVERHEAD_DEBUG) console.error(`floor: ${String(error)}`);
    }
  };
  try {
    for (const entry of io) {
      if (entry.kind === 'http') {
        await attempt(async () => (await send(new Request(entry.request))).arrayBuffer());
        continue;
      }
      let client = byPid.get(entry.pid);
      if (entry.kind === 'destroy') {
        // The backend was terminated: its transaction rolled back.
        if (client) await attempt(() => client!.query('ROLLBACK'));
        continue;
      }
      if (!client) byPid.set(entry.pid, (client = await floor.checkout()));
      const c = client;
      await attempt(() =>
        typeof entry.query === 'string' ? c.query(entry.query, entry.values) : c.query(entry.query),
      );
    }
    for (const event of history)
      if (event.type === 'invoke' && event.system === 'fs') await attempt(() => fileOperation(event, sessionDir));
  } finally {
    for (const client of byPid.values()) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
    }
  }
  return counts;
}

function fileOperation(event: HistoryEvent, dir: string): Promise<unknown> {
  const args = (event.args ?? {}) as { name?: string; from?: string; to?: string; bytes?: number };
  const at = (name: string | undefined) => join(dir, name ?? '');
  switch (event.operation) {
    case 'readFile':
      return readFile(at(args.name), 'utf8');
    case 'writeFile':
      return writeFile(at(args.name), 'x'.repeat(args.bytes ?? 0), 'utf8');
    case 'rename':
      return rename(at(args.from), at(args.to));
    case 'unlink':
      return unlink(at(args.name));
    case 'readdir':
      return readdir(dir);
    default:
      return Promise.resolve();
  }
}
