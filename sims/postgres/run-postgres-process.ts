// The two Postgres processes the embedded server needs, spawned directly: initdb (runs to
// completion) and the postmaster (runs until stopped, ready when it logs so). Spawned as the
// postgres OS user when we are root, from a cwd that user can enter (the data dir's parent:
// a checkout's own dir may be private to root).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { OsUser } from './postgres-os-user.ts';

export interface PostgresProcessOptions {
  readonly dataDir: string;
  readonly user: OsUser | undefined;
  readonly log: (line: string) => void;
}

function spawnAs(binary: string, args: readonly string[], options: PostgresProcessOptions): ChildProcess {
  const child = spawn(binary, args, {
    ...(options.user ?? {}),
    cwd: path.dirname(options.dataDir),
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const forward = (chunk: Buffer): void => options.log(chunk.toString('utf8'));
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  return child;
}

/** Runs initdb; rejects with its exit status (its output went to `log`). */
export function runInitdb(initdb: string, flags: readonly string[], options: PostgresProcessOptions): Promise<void> {
  const child = spawnAs(initdb, [`--pgdata=${options.dataDir}`, ...flags], options);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`initdb failed (exit ${code ?? 'none'}, signal ${signal ?? 'none'})`)),
    );
  });
}

const readyLine = 'database system is ready to accept connections';

/** Starts the postmaster; resolves once it accepts connections, rejects if it exits first. */
export function startPostmaster(
  postgres: string,
  port: number,
  flags: readonly string[],
  options: PostgresProcessOptions,
): Promise<ChildProcess> {
  const child = spawnAs(postgres, ['-D', options.dataDir, '-p', String(port), ...flags], options);
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      // Keep only a tail: the ready line is short, and the server may log for hours.
      output = (output + chunk.toString('utf8')).slice(-4096);
      if (output.includes(readyLine)) {
        child.stderr?.off('data', onData);
        child.off('close', onClose);
        resolve(child);
      }
    };
    const onClose = (code: number | null): void =>
      reject(new Error(`postgres exited (${code ?? 'signal'}) before it was ready`));
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('close', onClose);
  });
}
