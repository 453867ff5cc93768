/**
 * Cases spread over the cores: a bench forks itself K times (`--streams K`, default one per core),
 * each child ("stream") with its own database cloned from the template on the parent's one
 * server and its own case engine, the way `syncsim check` runs one vitest worker per core. The
 * streams move through named phases in lockstep (each waits at `phase(name)` until every stream
 * is there), so a timed phase is measured across all streams at once: its wall time is the span
 * from the release of its barrier to the release of the next one.
 *
 * Parent: runStreams(bench, import.meta.url, streams, args). Child: streamWorker() says whether this process
 * is one (and on which database), phase() waits at a barrier, report() hands back the result.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '../sims/postgres/index.ts';
import type { BenchEngine } from './open-bench-engine.ts';

const WORKER_FLAG = '--stream-worker';

/** `--streams K` on the command line; one stream per core when absent. */
export function streamsFlag(argv: readonly string[] = process.argv): number {
  const at = argv.indexOf('--streams');
  if (at < 0) return availableParallelism();
  const streams = Number(argv[at + 1]);
  if (!Number.isInteger(streams) || streams < 1)
    throw new Error(`--streams must be a whole number >= 1, got ${argv[at + 1]}`);
  return streams;
}

export interface StreamWorker {
  readonly url: string;
  /** 0-based. */
  readonly index: number;
  /** The server's backends are local processes the engine may pause (openCaseEngine's option). */
  readonly localBackends: boolean;
}

/** In a child forked by runStreams: its database and number; in the parent: undefined. */
export function streamWorker(argv: readonly string[] = process.argv): StreamWorker | undefined {
  const at = argv.indexOf(WORKER_FLAG);
  if (at < 0) return undefined;
  return { url: argv[at + 1]!, index: Number(argv[at + 2]), localBackends: argv[at + 3] === 'local' };
}

/** Child: wait until every stream has reached the phase `name`. In the parent (one stream in-process) a no-op. */
export async function phase(name: string): Promise<void> {
  if (!process.send) return;
  const go = new Promise<void>((resolve) => process.once('message', () => resolve()));
  process.send({ phase: name });
  await go;
}

/** Child: hand back the stream's result (anything structured-cloneable); resolves once it is sent. */
export function report(result: unknown): Promise<void> {
  return new Promise((resolve, reject) =>
    process.send!({ result }, undefined, {}, (error) => (error ? reject(error) : resolve())),
  );
}

export interface StreamsRun<R> {
  /** One per stream, in stream order. */
  readonly results: R[];
  /** Wall seconds of each phase, from its barrier's release to the next's (or to the last report). */
  readonly phases: ReadonlyMap<string, number>;
}

type Message = { phase: string } | { result: unknown };

/**
 * Parent: `streams` databases cloned from the bench's template, `script` forked once per database,
 * the streams moved through their phases together; the databases are dropped afterwards.
 */
export async function runStreams<R>(
  bench: BenchEngine,
  script: string,
  streams: number,
  args: readonly string[] = [],
): Promise<StreamsRun<R>> {
  const databases = await Promise.all(
    Array.from({ length: streams }, (_, i) => createTestDatabase(bench.server, bench.template, `stream-${i}`)),
  );
  try {
    const local = bench.server.kind === 'embedded' ? 'local' : 'remote';
    return await inLockstep<R>(
      script,
      databases.map((db, i) => [db.url, String(i), local]),
      args,
    );
  } finally {
    for (const database of databases) await database[Symbol.asyncDispose]();
  }
}

async function inLockstep<R>(script: string, workers: string[][], args: readonly string[]): Promise<StreamsRun<R>> {
  const self = script.startsWith('file:') ? fileURLToPath(script) : script;
  // fork inherits process.execArgv: the tsx loader and the syncsim-source condition.
  const children: ChildProcess[] = workers.map((worker) =>
    fork(self, [...args, WORKER_FLAG, ...worker], { stdio: 'inherit' }),
  );
  const next = (child: ChildProcess) =>
    new Promise<Message>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`bench stream exited with ${code} before reporting`));
      child.once('exit', onExit);
      child.once('message', (m) => {
        child.off('exit', onExit);
        resolve(m as Message);
      });
    });
  const phases = new Map<string, number>();
  let current: { name: string; released: number } | undefined;
  const close = (now: number) => {
    if (current) phases.set(current.name, (now - current.released) / 1000);
  };
  try {
    for (;;) {
      const messages = await Promise.all(children.map(next));
      const now = performance.now();
      close(now);
      if (messages.every((m) => 'result' in m)) {
        await Promise.all(
          children.map(
            (c) => new Promise((resolve) => (c.exitCode === null ? c.once('exit', resolve) : resolve(null))),
          ),
        );
        return { results: messages.map((m) => (m as { result: R }).result), phases };
      }
      const names = new Set(messages.map((m) => ('phase' in m ? m.phase : '(reported)')));
      if (names.size !== 1) throw new Error(`bench streams out of step: ${[...names].join(', ')}`);
      current = { name: [...names][0]!, released: performance.now() };
      for (const child of children) child.send('go');
    }
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
  }
}
