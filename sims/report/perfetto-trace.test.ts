/**
 * The trace ui.perfetto.dev opens: every async begin has its end (same id, name, category and
 * track), timestamps never go back on a track, every event is named, every track is named by
 * metadata, and faults and violations are instants. Checked on a run with overlapping calls,
 * faults, a crash and calls never completed, and on two runs in one file (reproduce).
 */
import { describe, expect, it } from 'vitest';
import { perfettoTrace, type TraceEvent, type TraceFile } from './perfetto-trace.ts';
import { sampleRun } from './sample-run.ts';

/** Everything Perfetto's JSON importer needs to draw the trace as intended; [] when it holds. */
function problems(trace: TraceFile): string[] {
  const found: string[] = [];
  const named = new Map<number, Set<string>>();
  const open = new Map<string, TraceEvent>();
  const last = new Map<string, number>();
  for (const e of trace.traceEvents) {
    if (typeof e.name !== 'string' || e.name === '') found.push(`unnamed event ${JSON.stringify(e)}`);
    if (!Number.isInteger(e.pid) || !Number.isInteger(e.tid)) found.push(`no pid/tid: ${JSON.stringify(e)}`);
    if (e.ph === 'M') {
      const name = (e.args as { name?: unknown } | undefined)?.name;
      if ((e.name === 'thread_name' || e.name === 'process_name') && typeof name === 'string' && name !== '')
        named.set(e.pid, (named.get(e.pid) ?? new Set()).add(e.name));
      continue;
    }
    if (typeof e.ts !== 'number' || !Number.isFinite(e.ts)) {
      found.push(`no ts: ${JSON.stringify(e)}`);
      continue;
    }
    const track = `${e.pid}/${e.tid}`;
    if (e.ts < (last.get(track) ?? -Infinity)) found.push(`ts goes back on ${track} at ${e.name}`);
    last.set(track, e.ts);
    if (e.ph === 'b' || e.ph === 'e') {
      if (!e.id || !e.cat) found.push(`async event without id/cat: ${e.name}`);
      const key = `${e.cat}|${e.id}`;
      if (e.ph === 'b') {
        if (open.has(key)) found.push(`${key} begins twice`);
        open.set(key, e);
      } else {
        const begin = open.get(key);
        if (!begin) found.push(`${key} ends without a begin`);
        else if (begin.name !== e.name || begin.pid !== e.pid || begin.ts! > e.ts)
          found.push(`${key} ends unlike it began`);
        open.delete(key);
      }
    } else if (e.ph === 'i') {
      if (e.s !== 'g' && e.s !== 't') found.push(`instant without scope: ${e.name}`);
    } else found.push(`unexpected phase ${String(e.ph)}`);
  }
  for (const key of open.keys()) found.push(`${key} never ends`);
  const pids = new Set(trace.traceEvents.filter((e) => e.ph !== 'M').map((e) => e.pid));
  for (const pid of pids) if (named.get(pid)?.size !== 2) found.push(`track ${pid} lacks its thread_name/process_name`);
  return found;
}

describe('perfettoTrace', () => {
  it('one named track per lane, a b/e pair per operation, instants for faults and the violation', () => {
    const run = sampleRun();
    const trace = JSON.parse(JSON.stringify(perfettoTrace([run]))) as TraceFile;
    expect(problems(trace)).toEqual([]);
    const names = trace.traceEvents
      .filter((e) => e.name === 'thread_name')
      .map((e) => (e.args as { name: string }).name);
    expect(names).toEqual(['worker-1 (actor)', 'worker-2 (actor)', 'stream-webhooks (webhooks)', 'faults (faults)']);
    const begins = trace.traceEvents.filter((e) => e.ph === 'b');
    expect(begins).toHaveLength(9);
    expect(begins.map((e) => e.name)).toContain('pg UPDATE');
    // The webhook delivery overlaps the workers' calls and still has a track of its own.
    const hook = begins.find((e) => e.cat === 'stream')!;
    expect(hook.pid).not.toBe(begins.find((e) => e.name === 'pg UPDATE')!.pid);
    // Calls never completed end with the run (after every other event).
    const ends = trace.traceEvents.filter((e) => e.ph === 'e');
    const pending = ends.filter((e) => (e.args as { outcome: string }).outcome === 'pending');
    expect(pending).toHaveLength(2);
    expect(Math.min(...pending.map((e) => e.ts!))).toBe(Math.max(...ends.map((e) => e.ts!)));
    // 30 simulated seconds of latency are 30 seconds on the trace (less the µs nudges).
    const slow = begins.find((e) => e.cat === 'motopress')!;
    expect(ends.find((e) => e.id === slow.id)!.ts! - slow.ts!).toBeGreaterThan(29_999_990);
    const instants = trace.traceEvents.filter((e) => e.ph === 'i');
    expect(instants.map((e) => [e.name, e.s])).toEqual([
      ['fault pg-serialization-failure', 't'],
      ['fault http-latency', 't'],
      ['fault crash', 't'],
      ['violation no-null-unit', 'g'],
    ]);
    expect(instants.at(-1)!.args).toMatchObject({ message: 'booking 42 has no unit', ops: [2, 5, 10] });
    expect(trace.otherData['runs']).toEqual([
      {
        run: 'sample:before',
        status: 'broken',
        broken: ['no-null-unit'],
        replay: 'npx syncsim run sample:before --seed=-5 --path=3:1',
      },
    ]);
  });

  it('several runs (reproduce) keep their own tracks and ids; an empty history is still a valid trace', () => {
    const trace = perfettoTrace([
      sampleRun(),
      sampleRun({ variant: 'after', status: 'held', violations: [], broken: [] }),
      sampleRun({ variant: 'none', history: [], faultsInjected: [] }),
    ]);
    expect(problems(trace)).toEqual([]);
    const processes = trace.traceEvents
      .filter((e) => e.name === 'process_name')
      .map((e) => (e.args as { name: string }).name);
    expect(processes).toContain('sample:before worker-1');
    expect(processes).toContain('sample:after worker-1');
    expect(processes).toContain('sample:none faults');
    expect(new Set(trace.traceEvents.filter((e) => e.ph === 'b').map((e) => e.id)).size).toBe(18);
  });
});
