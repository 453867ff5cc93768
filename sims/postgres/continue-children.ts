// The scheduler bridge may SIGSTOP lock-waiting backends for a moment (see
// sims/schedule/backend-signals.ts). A stopped backend cannot act on the postmaster's shutdown
// signal, so a shutdown that caught one mid-pause would wait forever. Before shutting down,
// every child of the postmaster is sent SIGCONT (harmless for running ones).
import { readdirSync, readFileSync } from 'node:fs';

export function continueChildren(postmasterPid: number): void {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return; // not Linux: nothing was ever stopped (signals are only used where /proc exists)
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // pid (comm) state ppid ...: comm may contain spaces, so split after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid !== postmasterPid) continue;
    try {
      process.kill(Number(entry), 'SIGCONT');
    } catch {
      // gone already
    }
  }
}
