/**
 * A process's children and CPU times, read from Linux's /proc: what continuing a stopped server's
 * backends (continue-children.ts) and a bench's CPU figures (bench/server-cpu.ts) both need.
 * Elsewhere (no /proc) a process has no children to find and no times.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcStat {
  ppid: number;
  /** utime + stime, in clock ticks. */
  ownTicks: number;
  /** cutime + cstime: the reaped children's, in clock ticks. */
  reapedChildrenTicks: number;
}

/** /proc/<pid>/stat's parent and CPU times, or undefined once the process has exited. */
export function procStat(pid: number): ProcStat | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // pid (comm) state ppid ...: comm may contain spaces, so split after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const field = (n: number) => Number(fields[n - 3]);
  return { ppid: field(4), ownTicks: field(14) + field(15), reapedChildrenTicks: field(16) + field(17) };
}

/** The live children of `parentPid`, each with its stat (none without /proc). */
export function childrenOf(parentPid: number): Array<{ pid: number; stat: ProcStat }> {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const children: Array<{ pid: number; stat: ProcStat }> = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    if (stat?.ppid === parentPid) children.push({ pid: Number(entry), stat });
  }
  return children;
}
