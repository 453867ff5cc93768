/**
 * CPU time, which a loaded machine stretches far less than wall time: this process's
 * (process.cpuUsage) and the embedded Postgres server's, read from /proc: the postmaster's own
 * and its reaped children's (cutime, cstime: exited backends land there), plus every live child
 * (backends, the probe's, the checkpointer...). Ticks are 1/100 s, so figures are only worth
 * reading summed over many cases. Linux only; elsewhere the server's CPU is undefined.
 */
import { childrenOf, procStat } from '../sims/postgres/proc-children.ts';

const TICK_MS = 10;

/** Milliseconds of CPU the server with this postmaster has used so far, or undefined. */
export function serverCpuMs(postmasterPid: number): number | undefined {
  const postmaster = procStat(postmasterPid);
  if (!postmaster) return undefined;
  let ticks = postmaster.ownTicks + postmaster.reapedChildrenTicks;
  for (const { stat } of childrenOf(postmasterPid)) ticks += stat.ownTicks;
  return ticks * TICK_MS;
}

/** Milliseconds of CPU this process has used so far (every thread). */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
