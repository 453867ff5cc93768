/**
 * Ctrl-C (SIGINT to the process group, as a terminal sends it) and SIGTERM (to the process
 * group, or to the one process a `kill <pid>` or an npx wrapper reaches) stop every long
 * command cleanly: one line, exit 128 + n (0 for a fake: stopping is how it ends), and
 * afterwards no process of the command's tree, no data directory (syncsim-pg-<pid>-*), no
 * session directory (syncsim-sessions-<pid>-*) and no listening port. Real processes, because
 * signals, process groups and watchdogs are the point; each costs a Postgres start, so few.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'bin/syncsim.js');
// As a user runs it: not inside a vitest worker, on the embedded server (it has a data dir to leave behind).
const ENV = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'DATABASE_URL'),
  ),
  SYNCSIM_POSTGRES: 'embedded',
  NODE_ENV: '',
};
// Generous: a process start costs ~10-40 s on a loaded 2-core machine. Bounds only; never asserted.
const READY_MS = 240_000;

interface Stopped {
  code: number | null;
  /** Set when the process ended by the signal itself (npx re-raises it on itself). */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Every pid of the command's tree seen before the signal. */
  tree: Set<number>;
  ports: number[];
}

function childrenOf(pids: Set<number>): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (pids.has(ppid)) found.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function interrupt(
  command: string[],
  ready: RegExp,
  signal: NodeJS.Signals,
  target: 'group' | 'process',
): Promise<Stopped> {
  const child = spawn(command[0]!, command.slice(1), {
    cwd: ROOT,
    env: ENV,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((done) =>
    child.once('exit', (code, signal) => done([code, signal])),
  );
  const tree = new Set<number>([child.pid!]);
  try {
    for (let waited = 0; !ready.test(stdout + stderr); waited += 200) {
      if (waited > READY_MS || child.exitCode !== null) throw new Error(`never ready:\n${stdout}\n${stderr}`);
      for (const pid of childrenOf(tree)) tree.add(pid);
      await sleep(200);
    }
    for (let round = 0; round < 3; round++) for (const pid of childrenOf(tree)) tree.add(pid);
    process.kill(target === 'group' ? -child.pid! : child.pid!, signal);
    const [code, exitSignal] = await exited;
    const ports = [...(stdout + stderr).matchAll(/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1]));
    return { code, signal: exitSignal, stdout, stderr, tree, ports };
  } finally {
    // A failed expectation must not leave anything running.
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
  }
}

/** What is left of the tree after a while (the watchdogs act when their owner is gone). */
async function leftovers(stopped: Stopped): Promise<string[]> {
  let left: string[] = [];
  for (let attempt = 0; attempt < 100; attempt++) {
    left = [];
    for (const pid of stopped.tree) {
      try {
        process.kill(pid, 0);
        left.push(`process ${pid}: ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')}`);
      } catch {
        // gone
      }
    }
    for (const name of readdirSync('/dev/shm'))
      for (const pid of stopped.tree)
        if (name.startsWith(`syncsim-pg-${pid}-`) || name.startsWith(`syncsim-sessions-${pid}-`)) left.push(name);
    for (const port of stopped.ports) if (await listening(port)) left.push(`port ${port}`);
    if (left.length === 0) return left;
    await sleep(200);
  }
  return left;
}

function listening(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at |57P01|terminating connection|Unhandled/);

describe('interrupts leave nothing behind', () => {
  it('run: Ctrl-C prints one line and the failure found so far, with its replay line', async () => {
    const stopped = await interrupt(
      [process.execPath, BIN, 'run', 'properties-bot:planted-non-atomic-write', '--seed', '42'],
      // The progress line names the first failing case once shrinking starts, so the interrupt
      // lands while shrinking (which case that is depends on the scenario's input, not pinned).
      /broken at case \d+; shrinking \d+\/300 cases/,
      'SIGINT',
      'group',
    );
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(
      /^syncsim: interrupted \(SIGINT\): stopping properties-bot:planted-non-atomic-write$/m,
    );
    // The search is deterministic up to its first failure: the case the progress line named
    // (counted from 1) is the one reported and replayed (its path counts from 0).
    const found = Number(/broken at case (\d+); shrinking/.exec(stopped.stderr)?.[1]);
    expect(found).toBeGreaterThan(0);
    expect(stopped.stderr).toContain(`found before the interrupt: no-torn-session at case ${found - 1} (not shrunk)`);
    expect(stopped.stderr).toContain(
      `replay: npx syncsim run properties-bot:planted-non-atomic-write --seed=42 --path=${found - 1}`,
    );
    expect(stopped.stdout).toBe('');
    noStack(stopped.stderr);
    expect(await leftovers(stopped)).toEqual([]);
  });

  it('reproduce: SIGTERM to the process alone stops Postgres itself (it got no signal), exit 143', async () => {
    const stopped = await interrupt(
      [process.execPath, BIN, 'reproduce', 'lost-update'],
      /lost-update:locked {2}50\/200 cases/,
      'SIGTERM',
      'process',
    );
    expect(stopped.code).toBe(143);
    expect(stopped.stderr.trimEnd().split('\n').at(-1)).toBe('syncsim: interrupted (SIGTERM): stopping lost-update');
    noStack(stopped.stderr);
    expect(await leftovers(stopped)).toEqual([]);
  });

  it('check: Ctrl-C stops vitest, its workers and Postgres', async () => {
    const stopped = await interrupt(
      [process.execPath, BIN, 'check', 'scenarios/examples/'],
      /\[syncsim\] seed -?\d+/,
      'SIGINT',
      'group',
    );
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toBe('syncsim: interrupted (SIGINT): stopping check\n');
    expect(await leftovers(stopped)).toEqual([]);
  });

  it('npm test (vitest): Ctrl-C says so in one line and leaves nothing', async () => {
    const stopped = await interrupt(
      ['npx', 'vitest', 'run', 'scenarios/examples/'],
      /\[syncsim\] postgres: template/,
      'SIGINT',
      'group',
    );
    // As a shell sees it: 130, or npm ending itself by the same signal.
    expect(stopped.code === 130 || stopped.signal === 'SIGINT').toBe(true);
    expect(stopped.stdout).toMatch(/^\[syncsim\] interrupted \(SIGINT\): stopping Postgres$/m);
    expect(await leftovers(stopped)).toEqual([]);
  });

  it('fake stream through npx: SIGTERM to npx alone still stops the server and frees its port', async () => {
    const stopped = await interrupt(
      ['npx', 'syncsim', 'fake', 'stream', '--port', '0'],
      /Ctrl-C stops it/,
      'SIGTERM',
      'process',
    );
    expect(stopped.ports.length).toBeGreaterThan(0);
    expect(await leftovers(stopped)).toEqual([]);
  });

  it('fake motopress: Ctrl-C prints one line, exit 0', async () => {
    const stopped = await interrupt(
      [process.execPath, BIN, 'fake', 'motopress', '--port', '0'],
      /Ctrl-C stops it/,
      'SIGINT',
      'group',
    );
    expect(stopped.code).toBe(0);
    expect(stopped.stdout.trimEnd().split('\n').at(-1)).toBe('motopress fake stopped (SIGINT)');
    expect(stopped.stderr).toBe('');
    expect(await leftovers(stopped)).toEqual([]);
  });
});
