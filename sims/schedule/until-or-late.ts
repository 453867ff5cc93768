/**
 * Wait until `done()` holds, looking again at each `change()` rather than on a wall-clock
 * interval; 'late' once `boundMs` have passed without it. Real time only bounds the wait (a
 * stall is reported, never chosen from): what is decided next rests on the state, not on when
 * it was looked at. The timer never outlives the wait.
 */
export async function untilOrLate(
  change: () => Promise<void>,
  done: () => boolean,
  boundMs: number,
): Promise<'done' | 'late'> {
  if (done()) return 'done';
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), boundMs)));
  try {
    for (;;) {
      if ((await Promise.race([change().then(() => 'change' as const), late])) === 'late') return 'late';
      if (done()) return 'done';
    }
  } finally {
    clearTimeout(timer);
  }
}
