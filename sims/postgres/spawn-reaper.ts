// Guarantees that no postgres process and no data dir outlive the node process that made
// them, however it dies: normal exit, a thrown error, Ctrl-C, or kill -9 (where no exit hook
// can run). A tiny detached `sh` holds the read end of a pipe whose write end only this node
// process has (node opens every fd close-on-exec, so no child inherits it). When node is
// gone, for any reason, the kernel closes the write end and `read` sees EOF at once; the
// watchdog then SIGINTs (fast shutdown) every process whose command line names the data dir
// (initdb while it runs, the postmaster after) and the pid in postmaster.pid, waits for them
// to exit (SIGKILL after ~5 s), and removes the data dir. detached puts it in its own session,
// so a Ctrl-C sent to the terminal's process group does not reach it. stop() disarms it last.
import { spawn } from 'node:child_process';

// The dir comes in through the environment, not argv, so the watchdog's own command line
// never matches the grep; grep reads its pattern from stdin for the same reason.
const watchdogScript = `
while read -r _; do :; done
d="$SYNCSIM_PG_DIR"
tries=0
while [ "$tries" -lt 160 ]; do
  candidates=$(printf '%s\\n' "$d" | grep -laF -f - /proc/[0-9]*/cmdline 2>/dev/null | sed -n 's#^/proc/\\([0-9][0-9]*\\)/cmdline$#\\1#p')
  if [ -f "$d/postmaster.pid" ]; then candidates="$candidates $(head -n 1 "$d/postmaster.pid" 2>/dev/null)"; fi
  alive=""
  for pid in $candidates; do
    if [ "$pid" != "$$" ] && kill -0 "$pid" 2>/dev/null; then alive="$alive $pid"; fi
  done
  [ -z "$alive" ] && break
  # Backends the scheduler bridge paused (SIGSTOP) must run again to obey the shutdown.
  pm=$(head -n 1 "$d/postmaster.pid" 2>/dev/null)
  if [ -n "$pm" ]; then
    for s in /proc/[0-9]*/stat; do
      read -r cpid _ _ cppid _ < "$s" 2>/dev/null && [ "$cppid" = "$pm" ] && kill -CONT "$cpid" 2>/dev/null
    done
  fi
  if [ "$tries" -lt 100 ]; then kill -INT $alive 2>/dev/null; else kill -KILL $alive 2>/dev/null; fi
  sleep 0.05
  tries=$((tries + 1))
done
rm -rf "$d"
`;

export interface Reaper {
  /** The watchdog's pid (for tests and diagnostics). */
  readonly pid: number;
  /** Call after a clean stop: the watchdog exits without touching anything. */
  disarm(): void;
}

export function spawnReaper(dataDir: string): Reaper {
  const child = spawn('sh', ['-c', watchdogScript], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', SYNCSIM_PG_DIR: dataDir },
  });
  // Neither the child nor its stdin pipe may keep node's event loop alive.
  child.unref();
  child.stdin?.on('error', () => undefined);
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not spawn the postgres watchdog (sh)');
  let armed = true;
  return {
    pid,
    disarm() {
      if (!armed) return;
      armed = false;
      child.kill('SIGKILL');
      child.stdin?.destroy();
    },
  };
}
