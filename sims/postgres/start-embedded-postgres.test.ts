import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './start-embedded-postgres.ts';

const fixture = new URL('./fixtures/start-and-wait.ts', import.meta.url).pathname;

/** Alive and not a zombie (an orphaned postmaster may wait a moment for init to reap it). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return existsSync(`/proc/${pid}`);
  }
}

async function eventually(check: () => boolean, timeoutMs: number): Promise<boolean> {
  for (let waited = 0; waited <= timeoutMs; waited += 20) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return check();
}

interface Started {
  pid: number;
  dataDir: string;
  reaperPid: number;
  backendPid?: number;
}

/** Runs the fixture in its own process group; resolves with its first output line. */
function startFixture(args: string[] = []): Promise<{ child: ReturnType<typeof spawn>; started: Started }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, ...args], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve({ child, started: JSON.parse(line) as Started });
    });
    child.once('exit', (code) => reject(new Error(`fixture exited ${code}: ${err}`)));
  });
}

describe('embedded postgres lifecycle', () => {
  it('serves queries; stop is idempotent and concurrent; afterwards no postmaster, no watchdog, no data dir', async () => {
    const server = await startEmbeddedPostgres();
    expect(server.kind).toBe('embedded');
    expect(server.version).toBeGreaterThanOrEqual(15);
    expect(running(server.pid)).toBe(true);
    expect(running(server.reaperPid)).toBe(true);
    expect(existsSync(server.dataDir)).toBe(true);
    expect(server.adminUrl).toBe(`postgres://postgres@127.0.0.1:${server.port}/postgres`);
    expect(server.urlFor('other db')).toBe(`postgres://postgres@127.0.0.1:${server.port}/other%20db`);

    const client = new pg.Client({ connectionString: server.adminUrl });
    await client.connect();
    const { rows } = await client.query<{ tz: string; collate: string }>(
      "SELECT current_setting('TimeZone') AS tz, datcollate AS collate FROM pg_database WHERE datname = 'postgres'",
    );
    expect(rows[0]).toEqual({ tz: 'UTC', collate: 'C' });
    client.on('error', () => undefined);

    await Promise.all([server.stop(), server.stop()]);
    await server.stop();
    expect(running(server.pid)).toBe(false);
    expect(existsSync(server.dataDir)).toBe(false);
    expect(await eventually(() => !running(server.reaperPid), 1000)).toBe(true);
    await client.end().catch(() => undefined);
  });

  it('`await using` stops it at the end of the block', async () => {
    const seen = { pid: 0, dataDir: '' };
    {
      await using server = await startEmbeddedPostgres();
      seen.pid = server.pid;
      seen.dataDir = server.dataDir;
      expect(running(seen.pid)).toBe(true);
    }
    expect(running(seen.pid)).toBe(false);
    expect(existsSync(seen.dataDir)).toBe(false);
  });

  it.each([
    ['SIGKILL of node', 'SIGKILL', false],
    ['Ctrl-C (SIGINT to the whole process group)', 'SIGINT', true],
    ['SIGTERM of node', 'SIGTERM', false],
  ] as const)('%s leaves no postgres and no data dir behind', async (_name, signal, group) => {
    const { child, started } = await startFixture();
    expect(running(started.pid)).toBe(true);
    expect(existsSync(started.dataDir)).toBe(true);
    const pid = child.pid ?? 0;
    process.kill(group ? -pid : pid, signal);
    expect(await eventually(() => !running(started.pid) && !existsSync(started.dataDir), 3000)).toBe(true);
    expect(await eventually(() => !running(started.reaperPid), 3000)).toBe(true);
  });

  it('stop() also ends a backend that was paused (SIGSTOP) mid-lock-wait', async () => {
    const server = await startEmbeddedPostgres();
    const client = new pg.Client({ connectionString: server.adminUrl });
    client.on('error', () => undefined);
    await client.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const backend = rows[0]!.pid;
    process.kill(backend, 'SIGSTOP');
    await server.stop();
    expect(running(backend)).toBe(false);
    expect(running(server.pid)).toBe(false);
    expect(existsSync(server.dataDir)).toBe(false);
    await client.end().catch(() => undefined);
  });

  it('SIGKILL of node while a backend is paused still leaves nothing behind', async () => {
    const { child, started } = await startFixture(['stopped-backend']);
    expect(started.backendPid).toBeGreaterThan(0);
    expect(readFileSync(`/proc/${started.backendPid}/stat`, 'utf8')).toMatch(/\) T /);
    process.kill(child.pid ?? 0, 'SIGKILL');
    expect(
      await eventually(
        () => !running(started.backendPid!) && !running(started.pid) && !existsSync(started.dataDir),
        5000,
      ),
    ).toBe(true);
  });

  it('starting and stopping the server does not overwrite process.exitCode', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, 'exit-code'], { stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(7);
  });
});
