/**
 * Guarantees that no session directory outlives the process that made it, however it ends:
 * Ctrl-C reaching a vitest worker, SIGTERM, kill -9, an exit hook that never ran. As in
 * sims/postgres/spawn-reaper.ts, a tiny detached `sh` reads a pipe whose write end only this
 * process holds; when the process is gone the kernel closes it, `read` sees EOF, and the
 * watchdog removes every `syncsim-sessions-<pid>-*` directory this pid created. One watchdog
 * per process, started with its first session directory; a clean close has already removed
 * the directories, so it then finds nothing to do.
 */
import { spawn } from 'node:child_process';

const watchdogScript = `
while read -r _; do :; done
for d in "$SYNCSIM_SESSIONS_BASE"/syncsim-sessions-"$SYNCSIM_SESSIONS_PID"-*; do
  [ -e "$d" ] && rm -rf "$d"
done
`;

let armedFor: number | undefined;

/** Arms this process's watchdog over `<base>/syncsim-sessions-<pid>-*` (once per base and process). */
export function armSessionDirReaper(base: string): void {
  // Keyed by pid: the watchdog watches this process, and the directories carry its pid.
  if (armedFor === process.pid) return;
  const child = spawn('sh', ['-c', watchdogScript], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      SYNCSIM_SESSIONS_BASE: base,
      SYNCSIM_SESSIONS_PID: String(process.pid),
    },
  });
  child.unref();
  child.stdin?.on('error', () => undefined);
  // The pipe must not keep the event loop alive either.
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  armedFor = process.pid;
}

/** The prefix every session directory of this process has (mkdtemp appends 6 characters). */
export function sessionDirPrefix(): string {
  return `syncsim-sessions-${process.pid}-`;
}
