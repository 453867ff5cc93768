/**
 * CPU time, which a loaded machine stretches far less than wall time: this process's
 * (process.cpuUsage) and the embedded Postgres server's, read from /proc: the postmaster's own
 * and its reaped children's (cutime, cstime: exited backends land there), plus every live child
 * (backends, the probe's, the checkpointer...). Ticks are 1/100 s, so figures are only worth
 * reading summed over many cases. Linux only; elsewhere the server's CPU is undefined.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10;

/** utime, stime, cutime, cstime of one process (in ticks), or undefined once it has exited. */
function times(pid: string): { ppid: number; own: number; children: number } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // pid (comm) state ppid ...: comm may contain spaces, so split after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const at = (field: number) => Number(fields[field - 3]);
  return { ppid: at(4), own: at(14) + at(15), children: at(16) + at(17) };
}

/** Milliseconds of CPU the server with this postmaster has used so far, or undefined. */
export function serverCpuMs(postmasterPid: number): number | undefined {
  const postmaster = times(String(postmasterPid));
  if (!postmaster) return undefined;
  let ticks = postmaster.own + postmaster.children;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = times(entry);
    if (child?.ppid === postmasterPid) ticks += child.own;
  }
  return ticks * TICK_MS;
}

/** Milliseconds of CPU this process has used so far (every thread). */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
