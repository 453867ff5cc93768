/**
 * The real directory a case engine's session files live in: created once per engine (on
 * /dev/shm when there is one, so file I/O costs what the page cache costs), emptied at the start
 * of every case's world phase, removed when the engine closes, and by a watchdog when the
 * process dies first (session-dir-reaper.ts): an interrupt must not leave one behind.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { armSessionDirReaper, sessionDirPrefix } from './session-dir-reaper.ts';

export async function createSessionDir(): Promise<string> {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  armSessionDirReaper(base);
  return mkdtemp(join(base, sessionDirPrefix()));
}

export async function emptySessionDir(dir: string): Promise<void> {
  for (const name of await readdir(dir)) await rm(join(dir, name), { recursive: true, force: true });
}

export async function removeSessionDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
