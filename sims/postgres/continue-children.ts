// The scheduler bridge may SIGSTOP lock-waiting backends for a moment (see
// sims/schedule/backend-signals.ts). A stopped backend cannot act on the postmaster's shutdown
// signal, so a shutdown that caught one mid-pause would wait forever. Before shutting down,
// every child of the postmaster is sent SIGCONT (harmless for running ones).
import { childrenOf } from './proc-children.ts';

export function continueChildren(postmasterPid: number): void {
  // Not Linux: no children found, and nothing was ever stopped (signals are only used where /proc exists).
  for (const { pid } of childrenOf(postmasterPid)) {
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      // gone already
    }
  }
}
