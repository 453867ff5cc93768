/**
 * How a minimised schedule is reported: the console shows the counts, the minimal interleaving
 * and ONE replay line carrying --schedule, which the CLI parses back; without a minimal schedule
 * nothing changes.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFlags, parseScheduleFlag } from '../cli/parse-flags.ts';
import { formatRun } from './format-run.ts';
import { htmlTimeline } from './html-timeline.ts';
import { JsonReporter } from './json-reporter.ts';
import { perfettoTrace } from './perfetto-trace.ts';
import { sampleRun } from './sample-run.ts';

const schedule = 'webhook-2:select.crm_conversations:0@webhook-1:select.crm_conversations:0';

describe('the minimal interleaving in reports', () => {
  const plain = sampleRun();
  const minimised = sampleRun({
    minimal: {
      schedule,
      before: 3,
      after: 1,
      runs: 9,
      budgetHit: false,
      phase: 'chaos',
      violations: plain.violations,
      history: plain.history,
      faults: [],
    },
  });

  it('console: "3 preemptions -> 1", the minimal interleaving, one replay line with --schedule', () => {
    const report = formatRun(minimised);
    expect(report).toContain('schedule minimised: 3 preemptions -> 1 (9 cases run;');
    expect(report).toMatch(/^ {2}minimal interleaving/m);
    const replays = report.split('\n').filter((line) => line.includes('syncsim run'));
    expect(replays).toHaveLength(1);
    const flags = replays[0]!.trim().split(' ').slice(4);
    const { values } = parseFlags('run', flags, ['seed', 'path', 'schedule']);
    expect(parseScheduleFlag(values.schedule, values.path)).toBe(schedule);
  });

  it('console without a minimal schedule: no --schedule, no count', () => {
    const report = formatRun(plain);
    expect(report).not.toContain('--schedule');
    expect(report).not.toContain('schedule minimised');
  });

  it('says when the budget stopped it', () => {
    const stopped = sampleRun({ minimal: { ...minimised.minimal!, budgetHit: true } });
    expect(formatRun(stopped)).toContain('stopped at its budget');
  });

  it('--json: the minimal schedule and its replay line beside the case replay', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'syncsim-minimal-')), 'out.json');
    await new JsonReporter(file).end(
      [{ kind: 'variant', name: 'x', suite: 's', verdict: 'broken', met: true, result: minimised }],
      {
        command: 'run',
        verdict: 'broken',
        exitCode: 1,
      },
    );
    const [written] = (JSON.parse(readFileSync(file, 'utf8')) as { results: Array<Record<string, unknown>> }).results;
    expect(written!.minimalReplay).toMatch(/ --schedule=webhook-2:select/);
    expect(written!.replay).not.toContain('--schedule');
  });

  it('--html and --trace draw the minimal interleaving, with its count and its replay line', () => {
    // A minimal history that differs from the reported one: its first four events only.
    const short = sampleRun({ minimal: { ...minimised.minimal!, history: plain.history.slice(0, 4) } });
    const page = htmlTimeline([short]);
    expect(page).toContain('schedule minimised: 3 preemptions -&gt; 1');
    expect(page).toContain(`--schedule=${schedule}`);
    expect(page).toMatch(/<dt>history<\/dt><dd>\d+ operations, 4 events/);
    expect(htmlTimeline([plain])).not.toContain('--schedule');
    const trace = perfettoTrace([short]);
    expect((trace.otherData.runs as Array<{ replay: string }>)[0]!.replay).toContain(`--schedule=${schedule}`);
    const begins = (t: typeof trace) => t.traceEvents.filter((e) => e.ph === 'b').length;
    expect(begins(trace)).toBeLessThan(begins(perfettoTrace([plain])));
  });
});
